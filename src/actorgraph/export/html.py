"""The interactive page: one self-contained HTML file to open, mail or publish as is.

The page draws the graph with vis-network (the copy that pyvis ships) and adds
the controls an analyst needs: search by name or alias, filters by relation
type, sign and actor kind, a time slider, a neighbourhood focus and a details
panel with the evidence behind each relation.

Why not pyvis's own ``Network.write_html``: its template loads Bootstrap from a
CDN even with ``cdn_resources="in_line"`` (pyvis issues #228/#229), writes its
heading and node ids into the page unescaped, and puts the data into a script
as raw JSON, so a name containing ``</script>`` ends the script. Here:

- every script and style is inlined; there are no fonts to fetch (the page uses
  the reader's system fonts), and a Content-Security-Policy that admits only
  the page's own scripts and style (by hash) and no origin at all means that
  opening the file makes no request;
- the data travels as JSON in a ``<script type="application/json">`` element
  with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the page's scripts
  put every text into the document with ``textContent``; only http, https
  and mailto URLs become links;
- actor positions are computed here (:mod:`actorgraph.export.html_layout`) and
  the page starts with physics off, so 5,000 actors are drawn at once instead
  of after minutes of simulation.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
import re
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_text
from ..dates import parse_partial_date
from ..provenance.conflict import conflicting_relations
from ..provenance.grades import CREDIBILITY, RELIABILITY, source_count
from ..records import relation_text
from ..semantics import Policy, is_established, is_negated, is_plural, is_undated
from ..vocabulary import RelationType, Vocabulary
from .html_layout import layout

if TYPE_CHECKING:
    from ..graph import ActorGraph

__all__ = [
    "CLAIM_STYLES",
    "KIND_STYLES",
    "SIGN_STYLES",
    "page_data",
    "render",
    "script_json",
    "to_html",
]

#: Colour and vis-network shape per built-in actor kind. Kinds a data
#: directory adds get the next free pair from ``_EXTRA_KIND_STYLES``.
KIND_STYLES: dict[str, tuple[str, str]] = {
    "state": ("#1f5fa8", "dot"),
    "government_body": ("#5b9bd5", "square"),
    "armed_group": ("#7b3294", "triangle"),
    "organization": ("#e08b00", "hexagon"),
    "person": ("#c2477f", "diamond"),
    "population": ("#8c6d31", "triangleDown"),
}
_EXTRA_KIND_STYLES = (
    ("#1b9aaa", "star"),
    ("#6b7280", "square"),
    ("#9a8f00", "diamond"),
    ("#b35806", "dot"),
    ("#4d7c0f", "hexagon"),
    ("#5e3c99", "triangleDown"),
    ("#a6611a", "triangle"),
    ("#0f766e", "dot"),
)

#: Edge colour per relation sign: +1 cooperative, -1 hostile, 0 neutral;
#: ``pale`` is the colour of a hedged relation of that sign.
SIGN_STYLES: tuple[dict[str, Any], ...] = (
    {"value": 1, "id": "cooperative", "label": "cooperative", "color": "#1a9850"},
    {"value": -1, "id": "hostile", "label": "hostile", "color": "#d73027"},
    {"value": 0, "id": "neutral", "label": "neutral (structural)", "color": "#8a8f98"},
)

#: How a relation is drawn by the standing of its claim (see ``_claim``):
#: established solid in its sign's colour; hedged dashed and paler; denied
#: grey, dotted and barred across its middle, whatever its sign.
CLAIM_STYLES: dict[str, dict[str, Any]] = {
    "established": {"dashes": None},
    "hedged": {"dashes": [9, 6]},
    "denied": {"dashes": [2, 5], "color": "#59606c"},
}

_STYLE = {
    # Edge width by confidence.
    "widths": {"low": 1, "medium": 2.5, "high": 4},
    "claims": CLAIM_STYLES,
}
_PALER = 0.5  # share of white mixed into a sign's colour for hedged relations

# Policy.admits under each combination of the page's two switches, as bits of
# a relation's "admits": bit 0 established only, 1 hedged too, 2 dated only,
# 3 hedged too and dated only. The page reads the bit (visibility.js); the rule stays here.
_POLICIES = tuple(
    Policy(include_hedged=hedged, dated_only=dated)
    for dated in (False, True)
    for hedged in (False, True)
)
# Stand-ins for the actors' names when a sentence is cut into parts around them.
_SOURCE, _TARGET = "\x00source\x00", "\x00target\x00"
_ROLES = re.compile("(\x00source\x00|\x00target\x00)")

# Px from an actor to its nearest neighbour (median): at this spacing 40
# actors fit a laptop screen at 100%. Labels: the page's font metrics.
_SPACING = 75
_LABEL_WIDTH = 150
_LABEL_LENGTH = 60  # characters of a name drawn on the canvas; longer ones end in "…"
_CHAR_WIDTH = 7.6
_LINE_HEIGHT = 17
_NO_KIND = "unknown"  # for actors of hand-built graphs that lack one
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
# The page's own scripts, one concern each, run in this order after vis-network:
# each defines one global (actorgraphDates, actorgraphDom...) that later ones
# use; page.js, last, wires them together (see each file's opening comment).
_SCRIPTS = (
    "dates.js",
    "dom.js",
    "catalog.js",
    "wording.js",
    "items.js",
    "view.js",
    "timeline.js",
    "network.js",
    "visibility.js",
    "legend.js",
    "filters.js",
    "switches.js",
    "asof.js",
    "details.js",
    "panel.js",
    "timelinepane.js",
    "focus.js",
    "search.js",
    "toolbar.js",
    "address.js",
    "page.js",
)
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# What the panel cites of a source (not its local text file).
_SOURCE_FIELDS = {"title", "publisher", "author", "date", "url", "reliability"}


def render(
    kg: ActorGraph,
    path: str | PathLike[str] | None = None,
    *,
    as_of: str | None = None,
    title: str | None = None,
    include_hedged: bool = False,
    dated_only: bool = False,
) -> str:
    """The interactive page of ``kg`` as HTML text; also written to ``path`` if given.

    The page holds the whole graph; ``as_of`` (``YYYY[-MM[-DD]]``) only sets
    where its time slider starts, so the reader can still move through time.
    Likewise the page opens on established relations only, like every query
    (:class:`actorgraph.semantics.Policy`): ``include_hedged`` opens it with
    the hedged and denied ones shown too, ``dated_only`` with undated ones
    hidden; the reader can switch both. To publish a page that holds less,
    render a view: ``render(kg.as_of("2022"))`` or ``render(kg.subgraph([...]))``.
    The file is written atomically: a failure leaves any previous file as it
    was (see :mod:`actorgraph.atomic`; ``-`` is standard output). Raises
    ``ValueError`` for an invalid ``as_of``.

    >>> from actorgraph.export.html import render
    >>> text = render(kg, "graph.html", as_of="2021-08", title="Afghanistan")  # doctest: +SKIP
    """
    from ..graph import _gc_paused

    # Like loading: a page of 100,000 relations builds millions of objects
    # and no cycles; the collector's full scans would cost a third of the time.
    with _gc_paused():
        data = page_data(
            kg, as_of=as_of, title=title, include_hedged=include_hedged, dated_only=dated_only
        )
        page = _page(data)
    if path is not None:
        write_text(path, page)
    return page


def to_html(kg: ActorGraph, *, title: str | None = None) -> str:
    """The interactive page as text: :func:`render` for the ``export html`` command."""
    return render(kg, title=title)


def page_data(
    kg: ActorGraph,
    *,
    as_of: str | None = None,
    title: str | None = None,
    include_hedged: bool = False,
    dated_only: bool = False,
) -> dict:
    """The document the page's scripts read: actors with positions, relations, vocabulary.

    Plain JSON-ready data; :func:`render` embeds it in the page. Everything
    the rules of meaning decide is computed here, through
    :mod:`actorgraph.semantics` and the vocabulary: each relation carries its
    sentence, its claim (``established``, ``hedged`` or ``denied``), whether it
    is ``undated``, and which of the page's policies ``admits`` it.
    """
    start = parse_partial_date(as_of).iso() if as_of is not None else None
    graph = kg.graph
    actors = list(graph.nodes(data=True))
    relations = list(graph.edges(keys=True, data=True))
    degree = dict(graph.degree())
    sizes = {actor: _node_size(degree[actor]) for actor, _ in actors}
    positions = layout(
        (actor for actor, _ in actors),
        ((source, target) for source, target, *_ in relations),
        # Few actors get more room, up to what a screen shows at 100%.
        spacing=_SPACING * min(max(math.sqrt(40 / max(len(actors), 1)), 1), 2),
        boxes={actor: _box(attrs.get("name") or actor, sizes[actor]) for actor, attrs in actors},
    )
    cited = {e["source"] for *_, attrs in relations for e in attrs.get("evidence") or ()}
    described = _Relations(kg, conflicting_relations(kg))
    first, last = kg.date_range()
    return {
        "title": title or "actorgraph",
        "asOf": start,
        "dateRange": [first, last] if first and last else None,
        "policy": {"includeHedged": include_hedged, "datedOnly": dated_only},
        "style": _STYLE,
        "claims": _claims(kg.vocabulary),
        "labelWidth": _LABEL_WIDTH,
        "labelLength": _LABEL_LENGTH,
        "signs": [{**sign, "pale": _paler(sign["color"])} for sign in SIGN_STYLES],
        "kinds": _kinds(kg, {attrs.get("kind") or _NO_KIND for _, attrs in actors}),
        "types": _types(kg, relations),
        "modalities": [
            {"id": m.id, "label": m.label, "claim": _claim(kg.vocabulary, {"modality": m.id})}
            for m in kg.vocabulary.modalities.values()
        ],
        "sources": {
            s.id: s.model_dump(include=_SOURCE_FIELDS) for s in kg.sources.values() if s.id in cited
        },
        "grades": {
            "reliability": RELIABILITY,
            "credibility": {str(grade): label for grade, label in CREDIBILITY.items()},
        },
        "actors": [_actor(actor, attrs, positions[actor], sizes[actor]) for actor, attrs in actors],
        "relations": [described.relation(s, t, key, attrs) for s, t, key, attrs in relations],
        "phrases": described.phrase_list,
    }


def _claim(vocabulary: Vocabulary, attrs: dict[str, Any]) -> str:
    """``established``, ``hedged`` or ``denied``: how the page draws a relation.

    Established is :func:`actorgraph.semantics.is_established`; among the
    others, :func:`actorgraph.semantics.is_negated` ones are denied.
    """
    if is_established(vocabulary, attrs):
        return "established"
    return "denied" if is_negated(vocabulary, attrs) else "hedged"


def _claims(vocabulary: Vocabulary) -> list[dict[str, Any]]:
    """The legend's three claims, each with the vocabulary's modalities that make it."""
    by_claim: dict[str, list[str]] = {claim: [] for claim in CLAIM_STYLES}
    for modality in vocabulary.modalities.values():
        by_claim[_claim(vocabulary, {"modality": modality.id})].append(modality.id)
    return [{"id": claim, "modalities": ids} for claim, ids in by_claim.items()]


def _paler(hex_colour: str) -> str:
    """``hex_colour`` mixed with white (``_PALER`` of it)."""
    rgb = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * _PALER):02x}" for c in rgb)


def _node_size(degree: int) -> float:
    """Radius in px: larger for actors with more relations, within bounds."""
    return round(min(10 + 3 * math.sqrt(degree), 34), 1)


def _box(name: str, size: float) -> tuple[float, float, float]:
    """Half width, height above and height below an actor's centre, label included.

    vis-network wraps labels at ``_LABEL_WIDTH`` px; the text width is an
    estimate (``_CHAR_WIDTH`` per character at the page's 14 px font).
    """
    width = min(len(name), _LABEL_LENGTH) * _CHAR_WIDTH
    lines = max(1, math.ceil(width / (_LABEL_WIDTH - 10)))
    return (max(size, min(width, _LABEL_WIDTH) / 2), size, size + 4 + lines * _LINE_HEIGHT)


def _actor(
    actor: str, attrs: dict[str, Any], position: tuple[float, float], size: float
) -> dict[str, Any]:
    return {
        "id": actor,
        "name": attrs.get("name") or actor,
        "kind": attrs.get("kind") or _NO_KIND,
        "aliases": list(attrs.get("aliases") or ()),
        "formerIds": list(attrs.get("former_ids") or ()),
        "description": attrs.get("description") or "",
        "wikidata": attrs.get("wikidata"),
        "tags": list(attrs.get("tags") or ()),
        "since": attrs.get("since"),
        "until": attrs.get("until"),
        "x": round(position[0], 1),
        "y": round(position[1], 1),
        "size": size,
    }


class _Relations:
    """The page's relations: each edge with what the library says of it."""

    def __init__(self, kg: ActorGraph, conflicting: dict[str, list[str]]) -> None:
        self.kg = kg
        self.vocabulary = kg.vocabulary
        self.conflicting = conflicting
        self.phrases: dict[tuple[str, bool, bool], int] = {}
        self.phrase_list: list[list[str | int]] = []
        self.types: dict[str, RelationType] = dict(kg.vocabulary.relation_types)
        self.plural: dict[str, bool] = {}

    def is_plural(self, actor: str) -> bool:
        if actor not in self.plural:
            self.plural[actor] = is_plural(self.vocabulary, self.kg.graph.nodes[actor])
        return self.plural[actor]

    def relation_type(self, attrs: dict[str, Any]) -> RelationType:
        found = self.types.get(attrs["type"])
        if found is None:
            found = self.types[attrs["type"]] = _type_of(self.vocabulary, attrs)
        return found

    def phrase(self, kind: RelationType, plurals: tuple[bool, bool]) -> int:
        """Index of the sentence cut around its actors: ``["", 0, " supports ", 1, ""]``.

        :meth:`RelationType.describe` writes it once per type and agreement;
        the panel's heading is that phrase with the actors' names as buttons.
        """
        key = (kind.id, *plurals)
        if key not in self.phrases:
            text = kind.describe(
                _SOURCE, _TARGET, source_plural=plurals[0], target_plural=plurals[1]
            )
            parts = _ROLES.split(text)
            self.phrases[key] = len(self.phrase_list)
            self.phrase_list.append([{_SOURCE: 0, _TARGET: 1}.get(p, p) for p in parts])
        return self.phrases[key]

    def relation(self, source: str, target: str, key: str, attrs: dict[str, Any]) -> dict[str, Any]:
        kind = self.relation_type(attrs)
        plurals = (self.is_plural(source), self.is_plural(target))
        vocabulary = self.vocabulary
        return {
            "id": key,
            "source": source,
            "target": target,
            "type": attrs["type"],
            "since": attrs.get("since"),
            "until": attrs.get("until"),
            "date": attrs.get("date"),
            "modality": attrs.get("modality") or "asserted",
            "confidence": attrs.get("confidence") or "medium",
            "evidence": [
                {
                    "source": e.get("source"),
                    "quote": e.get("quote"),
                    "note": e.get("note"),
                    "credibility": e.get("credibility"),
                }
                for e in attrs.get("evidence") or ()
            ],
            "note": attrs.get("note"),
            # Provenance: independent sources, their best grade, conflicting claims.
            "sourceCount": source_count(attrs),
            "reliability": attrs.get("reliability"),
            "conflicts": self.conflicting.get(key, []),
            # The rules of meaning, decided here for the page's scripts to read.
            "sentence": relation_text(self.kg, source, target, attrs),
            # A symmetric relation listed under its target reads from there.
            **(
                {"reverseSentence": relation_text(self.kg, target, source, attrs)}
                if not attrs.get("directed", True) and source != target
                else {}
            ),
            "phrase": self.phrase(kind, plurals),
            "claim": _claim(vocabulary, attrs),
            "undated": is_undated(attrs),
            "admits": sum(
                1 << bit for bit, policy in enumerate(_POLICIES) if policy.admits(vocabulary, attrs)
            ),
        }


def _kinds(kg: ActorGraph, used: set[str]) -> list[dict[str, Any]]:
    labels = {k.id: k.label for k in kg.vocabulary.kinds.values()}
    labels.update({k: k.replace("_", " ").capitalize() for k in used if k not in labels})
    extra = iter(_EXTRA_KIND_STYLES * (len(labels) // len(_EXTRA_KIND_STYLES) + 1))
    kinds = []
    for kind, label in labels.items():
        color, shape = KIND_STYLES.get(kind) or next(extra)
        kinds.append({"id": kind, "label": label, "color": color, "shape": shape})
    return kinds


def _types(kg: ActorGraph, relations: list[tuple[str, str, str, dict]]) -> list[dict[str, Any]]:
    types = dict(kg.vocabulary.relation_types)
    for *_, attrs in relations:
        if attrs["type"] not in types:
            types[attrs["type"]] = _type_of(kg.vocabulary, attrs)
    return [
        {
            "id": t.id,
            "label": t.label,
            "inverse": t.inverse,
            "sign": t.sign,
            "directed": t.directed,
            "class": t.plover_class,
        }
        for t in types.values()
    ]


def _type_of(vocabulary: Vocabulary, attrs: dict[str, Any]) -> RelationType:
    """The vocabulary's type of an edge; for a graph built by hand with a type the
    vocabulary lacks, one described from what the edge says."""
    found = vocabulary.relation_types.get(attrs["type"])
    if found is not None:
        return found
    return RelationType(
        id=attrs["type"],
        label=attrs.get("label") or attrs["type"].replace("_", " "),
        inverse=attrs.get("inverse") or "",
        sign=attrs.get("sign") if attrs.get("sign") in (-1, 0, 1) else 0,
        directed=bool(attrs.get("directed", True)),
        plover_class=attrs.get("class") or "structural",
    )


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``-style escapes, so no
    text in the data can close the element (``</script>``) or open a comment;
    U+2028/U+2029 are escaped for older JavaScript parsers. ``JSON.parse``
    reads the same value back.
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def _page(data: dict[str, Any]) -> str:
    from .. import __version__

    scripts = [_vis_network(), *(_asset(name) for name in _SCRIPTS)]
    style = _asset("page.css")
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_hash(s) for s in scripts),
            "style-src " + _hash(style),
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    values = {
        "csp": html.escape(csp),
        "generator": html.escape(f"actorgraph {__version__}"),
        "title": html.escape(data["title"]),
        "style": style,
        "data": script_json(data),
        "scripts": "\n".join(f"<script>{script}</script>" for script in scripts),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("page.html"))


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _asset(name: str) -> str:
    return (resources.files(__package__) / "html_assets" / name).read_text(encoding="utf-8")


@cache
def _vis_network() -> str:
    """vis-network as pyvis ships it, without its source-map comment (a request in devtools).

    Found through the package's location rather than by importing it: importing
    pyvis imports IPython and Jinja, most of a second.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the interactive page needs pyvis: pip install pyvis")
    folder = Path(next(iter(spec.submodule_search_locations))) / "lib"
    # pyvis 0.3.2 ships vis-9.0.4 and vis-9.1.2 side by side: take the newest.
    versions = sorted(
        folder.glob("vis-*/vis-network.min.js"),
        key=lambda p: tuple(int(n) for n in re.findall(r"\d+", p.parent.name)),
    )
    if not versions:
        raise FileNotFoundError(f"no vis-network in {folder}: reinstall pyvis")
    script = versions[-1].read_text(encoding="utf-8")
    return re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", script)
