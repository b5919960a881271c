"""Quotes checked against their source's text, after a documented normalisation.

A quote is found when, after both it and the text are normalised, it occurs in
the text. The normalisation makes typography not count, and nothing else:

1. Unicode NFKC (ligatures, full-width forms, non-breaking spaces, ``…``).
2. Soft hyphens and zero-width characters removed.
3. Every quotation mark alike: straight, curly, low, primes, guillemets.
4. Every dash alike (hyphen, en and em dash, minus, ...), a run of dashes is
   one (``--`` for a dash on a typewriter), and spaces around a dash do not
   count (``1990 – 1999`` is ``1990–1999``).
5. Hyphenation at a line end removed (``cease-⏎fire`` is ``ceasefire``); as
   such a hyphen may also be a real one (``Russia-⏎backed``), the text is
   searched both ways.
6. Every run of whitespace and line breaks alike.

HTML is reduced to its text before (:mod:`actorgraph.provenance.texts`).
Letters, case, digits and punctuation other than quotes and dashes count:
``cease-fire`` is not ``ceasefire``.

A quote may skip text with ``...`` (or ``…``, ``[...]``, ``[…]``): its parts
must occur in order, each beginning within :data:`MAX_GAP` characters of the
end of the one before.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

__all__ = ["MAX_GAP", "Closest", "NormalisedText", "normalise", "quote_parts"]

#: The most characters (of normalised text) that a ``...`` in a quote may skip.
MAX_GAP = 2000

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_QUOTES = re.compile(
    "[\"'`\u00ab\u00bb\u00b4\u02bc\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f"
    "\u2032\u2033\u2039\u203a]"
)
_DASHES = re.compile(
    "[\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]"
)
# A hyphen ending a line (after a letter, checked in _join): hyphenation. The
# pattern starts with the hyphen so that the regex engine can skip to it.
_LINE_END_HYPHEN = re.compile(r"-[^\S\n]*\n\s*(?=[^\W\d_])")
_DASH_RUN = re.compile(r"--+")
_SKIP = re.compile(r"\[\s*\.\.\.\s*\]|\.\.\.")


def normalise(text: str, *, dehyphenate: bool = True) -> str:
    """``text`` with typography made plain (see the module's documentation).

    >>> normalise("“Cease-\\nfire” — now")
    "'Ceasefire'-now"
    """
    return _spaced(_dehyphenated(_plain(text)) if dehyphenate else _plain(text))


# Each step is a C-speed scan (regex, split, replace): a megabyte of text
# takes tens of milliseconds (benchmarks/quote_bench.py).
def _plain(text: str) -> str:
    """NFKC, invisible characters removed, quote marks and dashes made one."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return _DASHES.sub("-", _QUOTES.sub("'", text))


def _dehyphenated(text: str) -> str:
    if "-" not in text:
        return text

    def join(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        return "" if before.isalpha() else match[0]

    return _LINE_END_HYPHEN.sub(join, text)


def _spaced(text: str) -> str:
    """Whitespace runs as one space; no space around a dash, a run of dashes as one."""
    text = " ".join(text.split())
    if "-" in text:
        text = text.replace(" -", "-").replace("- ", "-")
        if "--" in text:
            text = _DASH_RUN.sub("-", text)
    return text


def quote_parts(quote: str) -> list[str]:
    """The parts of a normalised quote between its ``...`` skips (empty parts dropped)."""
    return [part.strip() for part in _SKIP.split(quote) if part.strip()]


@dataclass(frozen=True)
class Closest:
    """Where a quote (or one of its parts) comes closest to the text, and what differs.

    ``passage`` is normalised text; ``score`` is a similarity from 0 to 100;
    ``differences`` are short phrases such as ``"cease-fire" where the text has
    "ceasefire"``.
    """

    part: str
    passage: str
    score: float
    differences: list[str] = field(default_factory=list)
    in_order: bool = True

    def describe(self, limit: int = 300) -> str:
        """One line for a message: the closest passage and what differs."""
        if not self.in_order:
            return (
                "each of its parts is in the text, but not in this order "
                f"within {MAX_GAP} characters of each other"
            )
        passage = self.passage if len(self.passage) <= limit else self.passage[:limit] + "…"
        text = f'closest passage ({self.score:.0f}% alike): "{passage}"'
        if self.differences:
            text += "; " + "; ".join(self.differences)
        return text


class NormalisedText:
    """A source text, normalised once, in which quotes are looked for.

    >>> NormalisedText("The cease-\\nfire held.").find("ceasefire")
    True
    """

    def __init__(self, text: str) -> None:
        plain = _plain(text)
        self.text = _spaced(_dehyphenated(plain))
        kept = _spaced(plain)
        # Line-end hyphens read both ways; most texts have none, so one variant.
        self.variants = (self.text,) if kept == self.text else (self.text, kept)
        self._lookups = 0
        self._indexes: dict[int, _WordIndex] = {}

    def find(self, quote: str) -> bool:
        """Whether the quote occurs in the text (see the module's rules)."""
        self._lookups += 1
        for quote_variant in _quote_variants(quote):
            parts = quote_parts(quote_variant)
            if parts and any(
                _find_parts(parts, text, self._starts(n, parts[0]))
                for n, text in enumerate(self.variants)
            ):
                return True
        return False

    def _starts(self, variant: int, part: str) -> Iterator[int]:
        """Where ``part`` occurs in a variant of the text, in order."""
        text = self.variants[variant]
        if self._lookups > _INDEX_AFTER and len(text) > _INDEX_ABOVE:
            if variant not in self._indexes:
                self._indexes[variant] = _WordIndex(text)
            found = self._indexes[variant].starts(part)
            if found is not None:
                return iter(found)
        return _scan(text, part)

    def closest(self, quote: str) -> Closest:
        """The passage nearest to the quote's first part that is not in the text."""
        parts = quote_parts(normalise(quote)) or [normalise(quote)]
        missing = next((p for p in parts if not any(p in t for t in self.variants)), None)
        if missing is None:
            return Closest(" ... ".join(parts), "", 100.0, in_order=False)
        return _closest_passage(missing, self.text)


# A long text searched for many quotes gets an index: scanning a megabyte
# for each of a thousand quotes took 0.2 s, the index takes a tenth of that.
_INDEX_AFTER = 16
_INDEX_ABOVE = 65_536
_KEY = 8


class _WordIndex:
    """Positions of the first ``_KEY`` characters of every word of a normalised text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: dict[str, list[int]] = defaultdict(list)
        at = 0
        for word in text.split(" "):
            self.positions[text[at : at + _KEY]].append(at)
            at += len(word) + 1

    def starts(self, part: str) -> list[int] | None:
        """Where ``part`` occurs, in order; None if it has no word to look up."""
        # A word start inside the part is a word start in the text as well;
        # of the first few, the one whose key is rarest has the fewest candidates.
        offsets, at = [], part.find(" ") + 1
        while 0 < at <= len(part) - _KEY and len(offsets) < 4:
            offsets.append(at)
            at = part.find(" ", at) + 1
        if not offsets:
            return None
        lists = [(self.positions.get(part[o : o + _KEY], []), o) for o in offsets]
        candidates, offset = min(lists, key=lambda pair: len(pair[0]))
        return [p - offset for p in candidates if self.text.startswith(part, p - offset)]


def _scan(text: str, part: str) -> Iterator[int]:
    start = text.find(part)
    while start != -1:
        yield start
        start = text.find(part, start + 1)


def _quote_variants(quote: str) -> list[str]:
    first = normalise(quote)
    kept = normalise(quote, dehyphenate=False)
    return [first] if kept == first else [first, kept]


def _find_parts(parts: list[str], text: str, starts: Iterable[int]) -> bool:
    """Whether ``parts`` occur in order, each within MAX_GAP of the previous one's end.

    ``starts`` are the places where the first part occurs, in order.
    """
    first, rest = parts[0], parts[1:]
    for start in starts:
        end = start + len(first)
        for part in rest:
            found = text.find(part, end, end + MAX_GAP + len(part) + 1)
            if found == -1:
                break
            end = found + len(part)
        else:
            return True
    return False


def _closest_passage(part: str, text: str) -> Closest:
    """The passage of ``text`` nearest to ``part``, and what differs, word by word.

    rapidfuzz's partial alignment finds the region in C: a megabyte of text
    in tens of milliseconds (benchmarks/quote_bench.py), where difflib's
    SequenceMatcher over the whole text takes minutes. difflib then aligns the
    quote's words with the region's, which gives the passage's exact bounds.
    """
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(part, text)
    margin = len(part) // 2 + 20
    start, end = _word_bounds(
        text, max(0, alignment.dest_start - margin), min(len(text), alignment.dest_end + margin)
    )
    ours, window = part.split(" "), text[start:end].strip().split(" ")
    passage = _aligned_words(ours, window)
    shown = " ".join(passage)
    return Closest(part, shown, fuzz.ratio(part, shown), _differences(ours, passage))


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


_EDGE_PUNCTUATION = ".,;:!?'\"()[]"


def _key(word: str) -> str:
    return word.strip(_EDGE_PUNCTUATION).casefold()


def _aligned_words(ours: list[str], window: list[str]) -> list[str]:
    """The words of ``window`` that line up with ``ours``, from first to last."""
    matcher = difflib.SequenceMatcher(
        None, [_key(w) for w in ours], [_key(w) for w in window], autojunk=False
    )
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return window[: len(ours)]
    first, last = blocks[0], blocks[-1]
    begin = max(0, first.b - first.a)
    stop = min(len(window), last.b + last.size + len(ours) - (last.a + last.size))
    words = window[begin:stop]
    # Punctuation the quote stops short of ("ammunition," for "ammunition") is not a difference.
    if words and ours[-1][-1:] not in _EDGE_PUNCTUATION:
        words[-1] = words[-1].rstrip(_EDGE_PUNCTUATION) or words[-1]
    if words and ours[0][:1] not in _EDGE_PUNCTUATION:
        words[0] = words[0].lstrip(_EDGE_PUNCTUATION) or words[0]
    return words


def _differences(ours: list[str], theirs: list[str], limit: int = 3) -> list[str]:
    """What differs between a quote's words and a passage's, in words."""
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        said, written = " ".join(ours[i1:i2]), " ".join(theirs[j1:j2])
        if tag == "replace":
            found.append(f'the quote has "{said}" where the text has "{written}"')
        elif tag == "delete":
            found.append(f'the text lacks "{said}"')
        elif tag == "insert" and 0 < i1 < len(ours):
            found.append(f'the text has "{written}" after "{ours[i1 - 1]}"')
    if len(found) > limit:
        found = [*found[:limit], f"and {len(found) - limit} more difference(s)"]
    return found
