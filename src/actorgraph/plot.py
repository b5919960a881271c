"""Plots of analysis series over time: balance, centrality, and a pair's alignment.

::

    from actorgraph.analysis.series import balance_series
    from actorgraph.plot import plot

    plot(balance_series(kg, "1990:2024"), "balance.svg")     # or .png

Drawn with matplotlib (``pip install 'actorgraph[plot]'``), for a report:
labelled axes, dates on the x axis, a legend, and the Okabe-Ito palette, which
stays distinct under the common colour-vision deficiencies (Okabe and Ito
2008, *Color Universal Design*); shapes repeat what colours say. The same
series gives a byte-identical file (fixed SVG ids, no creation date). Text
from the data is drawn as text, never read as mathematics.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .dates import parse_partial_date

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .analysis.series import Series

__all__ = ["FORMATS", "OKABE_ITO", "figure", "plot"]

#: Okabe and Ito's colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
#: The file formats :func:`plot` writes, by suffix.
FORMATS = {".svg": "svg", ".png": "png"}
_LINES = ("blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue", "black")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
_RC = {
    # Fixed ids in the SVG (otherwise random per run) and text drawn as paths, so the
    # file looks the same everywhere and holds no text a reader could mistake for markup.
    "svg.hashsalt": "actorgraph",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
}
_STEP_WORDS = {"year": "one step a year", "quarter": "one step a quarter", "month": "one a month"}
_FOOTNOTE_ENTRIES = 10


def plot(series: Series[Any], path: str | os.PathLike[str], **options: Any) -> bytes:
    """Draw ``series`` into ``path`` (``.svg`` or ``.png``, written atomically); return the bytes.

    Options go to :func:`figure` (``title``, ``top``).
    """
    from .export._common import write_atomically

    data = render(series, plot_format(path), **options)
    write_atomically(path, data)
    return data


def plot_format(path: str | os.PathLike[str]) -> str:
    """``svg`` or ``png`` from the file name; ``ValueError`` for anything else."""
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot plot into '{os.fspath(path)}': name an .svg or a .png file")
    return FORMATS[suffix]


def render(series: Series[Any], format: str = "svg", **options: Any) -> bytes:
    """The plot of ``series`` as SVG or PNG bytes (deterministic for the same series)."""
    matplotlib = _matplotlib()
    with matplotlib.rc_context(_RC):
        fig = figure(series, **options)
        out = io.BytesIO()
        metadata = {"Date": None} if format == "svg" else {"Software": None}
        fig.savefig(out, format=format, dpi=150, metadata=metadata)
    return out.getvalue()


def figure(series: Series[Any], *, title: str | None = None, top: int = 6) -> Figure:
    """A matplotlib Figure of ``series`` (for a notebook, or to adjust before saving).

    ``top``: for a centrality series, how many actors get a line: those of
    highest mean score over the steps (a step without the actor counts 0), up to 8.
    """
    _matplotlib()
    if not len(series):
        raise ValueError("nothing to plot: the series has no rows")
    draw = {"balance": _balance, "centrality": _centrality, "alignment": _alignment}
    return draw[series.analysis](series, title, top)


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as error:
        raise ImportError("plots need matplotlib: pip install 'actorgraph[plot]'") from error
    return matplotlib


# --------------------------------------------------------------------------- shared


def _colour(name: str) -> str:
    return OKABE_ITO[name]


def _plain(text: str) -> str:
    """Text from the data, shown as written: matplotlib reads $...$ as mathematics."""
    return text.replace("$", r"\$")


def _when(date: str) -> dt.date:
    p = parse_partial_date(date)
    return dt.date(p.year, p.month or 1, p.day or 1)


def _span(series: Series[Any]) -> str:
    first, last = series.dates[0], series.dates[-1]
    return first if first == last else f"{first} to {last}"


def _x_axis(ax: Axes, series: Series[Any]) -> None:
    from matplotlib import dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    steps = _STEP_WORDS.get(series.step or "", "at the dates given")
    ax.set_xlabel(f"As of ({steps})")
    first, last = _when(series.dates[0]), _when(series.dates[-1])
    margin = max(dt.timedelta(days=20), (last - first) * 0.02)
    ax.set_xlim(first - margin, last + margin)


def _bar_width(series: Series[Any]) -> float:
    """Bar width in days: most of the shortest gap between steps."""
    days = [_when(b) - _when(a) for a, b in itertools.pairwise(series.dates)]
    return 0.7 * min(days).days if days else 200.0


def _marks(axes: Sequence[Axes], when: dt.date, letter: str, gid: str) -> None:
    """A dotted vertical line through every panel at ``when``, lettered at the top."""
    for panel, ax in enumerate(axes):
        ax.axvline(
            when,
            color=_colour("reddish purple"),
            linestyle=":",
            linewidth=1.3,
            gid=f"{gid}-{panel}",
        )
    axes[0].annotate(
        letter,
        xy=(when, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(0, -2),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=8.5,
        fontweight="bold",
        color=_colour("reddish purple"),
        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"},
    )


def _footnote(ax: Axes, heading: str, entries: list[str]) -> None:
    """A panel of text under the plot: ``heading`` then each entry, wrapped."""
    ax.axis("off")
    shown = entries[:_FOOTNOTE_ENTRIES]
    lines = [heading]
    for entry in shown:
        lines.extend(textwrap.wrap(entry, 125, subsequent_indent="      "))
    if len(entries) > len(shown):
        lines.append(f"… and {len(entries) - len(shown)} more (in the series' table)")
    ax.text(0, 1, _plain("\n".join(lines)), va="top", ha="left", fontsize=8, linespacing=1.5)


def _legend(ax: Axes, handles: list[Any], columns: int) -> None:
    """The legend in a row above the top panel, under the title."""
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.02),
        ncols=columns,
        fontsize=8.5,
        frameon=False,
        borderaxespad=0.0,
    )


def _letters(count: int) -> list[str]:
    return [chr(ord("A") + i) if i < 26 else str(i + 1) for i in range(count)]


def _new_figure(rows: int, height: float, ratios: Sequence[float]) -> tuple[Figure, list[Axes]]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9.0, height), layout="constrained")
    axes = fig.subplots(rows, 1, height_ratios=list(ratios), squeeze=False)[:, 0]
    return fig, list(axes)


def _footnote_height(entries: list[str]) -> float:
    lines = 1 + sum(len(textwrap.wrap(e, 125)) for e in entries[:_FOOTNOTE_ENTRIES])
    return 0.19 * (lines + (len(entries) > _FOOTNOTE_ENTRIES)) + 0.1


# --------------------------------------------------------------------------- balance


def _balance(series: Series[Any], title: str | None, top: int) -> Figure:
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    steps = list(series)
    x = [_when(s.as_of) for s in steps]
    changes = [(x[i], s) for i, s in enumerate(steps) if s.moved]
    letters = _letters(len(changes))
    entries = [
        f"{letter}  {s.as_of}: " + ", ".join(_names(series, s.moved))
        for letter, (_, s) in zip(letters, changes, strict=True)
    ]
    panels = 3 if entries else 2
    note = _footnote_height(entries) if entries else 0.0
    fig, axes = _new_figure(panels, 5.6 + note, (3, 2, note)[:panels])
    index_ax, balance_ax = axes[0], axes[1]
    balance_ax.sharex(index_ax)
    blue, vermillion = _colour("blue"), _colour("vermillion")

    index_ax.plot(x, [s.index for s in steps], color=blue, linewidth=1.4, gid="index-line")
    exact = [(xi, s.index) for xi, s in zip(x, steps, strict=True) if s.exact]
    rough = [(xi, s) for xi, s in zip(x, steps, strict=True) if not s.exact]
    index_ax.plot(
        [p[0] for p in exact],
        [p[1] for p in exact],
        linestyle="none",
        marker="o",
        markersize=5,
        color=blue,
        label="frustration index, exact",
        gid="index-exact",
    )
    handles = [index_ax.lines[-1]]
    if rough:
        index_ax.vlines(
            [p[0] for p in rough],
            [p[1].lower_bound for p in rough],
            [p[1].index for p in rough],
            color=vermillion,
            linewidth=1.4,
            gid="index-bounds",
        )
        index_ax.plot(
            [p[0] for p in rough],
            [p[1].index for p in rough],
            linestyle="none",
            marker="D",
            markersize=5.5,
            markerfacecolor="white",
            markeredgecolor=vermillion,
            markeredgewidth=1.4,
            label="heuristic: at most (◇), at least (end of bar)",
            gid="index-heuristic",
        )
        handles.append(index_ax.lines[-1])
    index_ax.set_ylabel("Frustration index\n(ties to flip for two clean camps)")
    index_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    index_ax.set_ylim(bottom=0, top=max(max(s.index for s in steps), 1) * 1.15 + 0.3)
    index_ax.tick_params(labelbottom=False)

    balance_ax.plot(
        x,
        [s.partial_balance for s in steps],
        marker="s",
        markersize=4.5,
        linewidth=1.4,
        color=_colour("bluish green"),
        label="partial balance, 1 − 2·index / signed ties",
        gid="partial-balance",
    )
    handles.append(balance_ax.lines[-1])
    low = min(s.partial_balance for s in steps)
    balance_ax.set_ylim(max(0.0, low - 0.1 * (1.0 - low) - 0.02), 1.02)
    balance_ax.set_ylabel("Partial balance\n(1 = balanced)")
    _x_axis(balance_ax, series)

    for number, ((when, _), letter) in enumerate(zip(changes, letters, strict=True)):
        _marks(axes[:2], when, letter, f"camp-change-{number}")
    if entries:
        handles.append(
            Line2D([], [], color=_colour("reddish purple"), linestyle=":", linewidth=1.3)
        )
        handles[-1].set_label("actors changed camp (lettered, listed below)")
        _footnote(axes[2], "Changed camp since the step before:", entries)
    fig.suptitle(title or f"Structural balance of the signed ties, {_span(series)}", fontsize=12)
    _legend(index_ax, handles, 2)
    return fig


def _names(series: Series[Any], actors: Sequence[str]) -> list[str]:
    return [series.names.get(a, a) for a in actors]


# --------------------------------------------------------------------------- centrality

_MEASURE_LABELS = {
    "degree": "Degree centrality\n(share of the other actors tied to)",
    "betweenness": "Betweenness centrality\n(share of shortest paths through)",
    "eigenvector": "Eigenvector centrality",
}


def _centrality(series: Series[Any], title: str | None, top: int) -> Figure:
    by = series.options.get("by", "degree")
    total: dict[str, float] = {}
    for row in series:
        total[row.actor] = total.get(row.actor, 0.0) + row.score
    top = max(1, min(top, len(_MARKERS)))
    chosen = sorted(total, key=lambda a: (-round(total[a], 9), series.names[a].casefold(), a))
    chosen = chosen[:top]
    fig, (ax,) = _new_figure(1, 5.2, (1,))
    for number, actor in enumerate(chosen):
        rows = [r for r in series if r.actor == actor]
        ax.plot(
            [_when(r.as_of) for r in rows],
            [r.score for r in rows],
            color=_colour(_LINES[number % len(_LINES)]),
            marker=_MARKERS[number],
            markersize=4.5,
            linewidth=1.4,
            linestyle="-" if number < len(_LINES) else "--",
            label=_plain(series.names[actor]),
            gid=f"actor-{number}",
        )
    ax.set_ylabel(_MEASURE_LABELS.get(by, by))
    ax.set_ylim(bottom=0)
    _x_axis(ax, series)
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8.5,
        frameon=False,
        title="highest mean first",
        title_fontsize=8.5,
    )
    name = by if by in _MEASURE_LABELS else "centrality"
    fig.suptitle(
        title or f"The {len(chosen)} actors of highest mean {name} centrality, {_span(series)}",
        fontsize=12,
    )
    return fig


# --------------------------------------------------------------------------- alignment

_TIE_LEVEL = {"positive": 3, "ambivalent": 2, "negative": 1, "none": 0}
_TIE_STYLE = {
    "positive": ("bluish green", "^", "positive (cooperative relations only)"),
    "ambivalent": ("orange", "D", "ambivalent (cooperative and hostile at once)"),
    "negative": ("vermillion", "v", "negative (hostile relations only)"),
}


def _alignment(series: Series[Any], title: str | None, top: int) -> Figure:
    steps = list(series)
    x = [_when(s.as_of) for s in steps]
    changes = [(x[i], s) for i, s in enumerate(steps) if s.changed or s.began or s.ended]
    letters = _letters(len(changes))
    entries = [_change_entry(letter, s) for letter, (_, s) in zip(letters, changes, strict=True)]
    panels = 3 if entries else 2
    note = _footnote_height(entries) if entries else 0.0
    fig, axes = _new_figure(panels, 5.4 + note, (2, 2, note)[:panels])
    tie_ax, count_ax = axes[0], axes[1]
    count_ax.sharex(tie_ax)
    handles = _tie_panel(tie_ax, x, steps) + _count_panel(count_ax, x, steps, _bar_width(series))
    _x_axis(count_ax, series)
    for number, ((when, _), letter) in enumerate(zip(changes, letters, strict=True)):
        _marks(axes[:2], when, letter, f"change-{number}")
    if entries:
        _footnote(axes[2], "What changed (+ began, − ended):", entries)
    a, b = (series.names[i] for i in (steps[0].a, steps[0].b))
    fig.suptitle(_plain(title or f"{a} and {b}, {_span(series)}"), fontsize=12)
    _legend(tie_ax, handles, 3)
    return fig


def _tie_panel(ax: Axes, x: list[dt.date], steps: list[Any]) -> list[Any]:
    """The tie's sign at each step: filled marks strong ties, hollow weak ones."""
    ax.plot(
        x,
        [_TIE_LEVEL[s.sign] for s in steps],
        drawstyle="steps-post",
        color="#999999",
        linewidth=1.0,
        zorder=1,
        gid="tie-line",
    )
    kinds = [
        (sign, strength, colour, marker, label if strength == "strong" else f"{sign}, weak only")
        for sign, (colour, marker, label) in _TIE_STYLE.items()
        for strength in ("strong", "weak")
    ]
    handles = []
    for sign, strength, colour, marker, label in kinds:
        at = [
            xi for xi, s in zip(x, steps, strict=True) if (s.sign, s.strength) == (sign, strength)
        ]
        if at or strength == "strong":
            face = _colour(colour) if strength == "strong" else "white"
            handles += ax.plot(
                at,
                [_TIE_LEVEL[sign]] * len(at),
                linestyle="none",
                marker=marker,
                markersize=6.5,
                markeredgewidth=1.3,
                color=_colour(colour),
                markerfacecolor=face,
                label=label,
                gid=f"tie-{sign}-{strength}",
            )
    for contact in (False, True):
        at = [
            xi
            for xi, s in zip(x, steps, strict=True)
            if s.sign == "none" and bool(s.contacts) == contact
        ]
        if at or not contact:
            handles += ax.plot(
                at,
                [0] * len(at),
                linestyle="none",
                marker="s" if contact else "o",
                markersize=6,
                color="#777777" if contact else "black",
                markerfacecolor="#bbbbbb" if contact else "white",
                label="no tie, contact only (weak relations)" if contact else "no tie",
                gid="tie-contact" if contact else "tie-none",
            )
    ax.set_yticks(list(_TIE_LEVEL.values()), ["positive", "ambivalent", "negative", "no tie"])
    ax.set_ylim(-0.5, 3.5)
    ax.set_ylabel("The tie")
    ax.tick_params(labelbottom=False)
    return handles


def _count_panel(ax: Axes, x: list[dt.date], steps: list[Any], width: float) -> list[Any]:
    """How many cooperative (up) and hostile (down) relations are behind the tie."""
    cooperative = ax.bar(
        x,
        [len(s.positive) for s in steps],
        width=width,
        color=_colour("bluish green"),
        label="cooperative relations (up)",
    )
    hostile = ax.bar(
        x,
        [-len(s.negative) for s in steps],
        width=width,
        color=_colour("vermillion"),
        hatch="///",
        edgecolor="white",
        linewidth=0,
        label="hostile relations (down)",
    )
    for name, bars in (("cooperative", cooperative), ("hostile", hostile)):
        for number, bar in enumerate(bars):
            bar.set_gid(f"{name}-{number}")  # one id each: the SVG names every bar
    ax.axhline(0, color="black", linewidth=0.8)
    most = max(1, *(max(len(s.positive), len(s.negative)) for s in steps))
    ax.set_ylim(-most - 0.5, most + 0.5)
    ax.yaxis.set_major_locator(_integer_locator())
    ax.yaxis.set_major_formatter(_absolute_formatter())
    ax.set_ylabel("Relations behind it\n(cooperative up, hostile down)")
    return [cooperative, hostile]


def _change_entry(letter: str, step: Any) -> str:
    parts = [f"{letter}  {step.as_of}:"]
    if step.changed:
        parts.append(f"now {step.sign}.")
    parts.extend(f"+ {_sentence(r)}." for r in step.began)
    parts.extend(f"− {_sentence(r)}." for r in step.ended)
    return " ".join(parts)


def _sentence(record: Any) -> str:
    """'Russia designates Taliban as a terrorist organization [undated]'."""
    found = record.marks()
    return record.sentence() + (f" [{', '.join(found)}]" if found else "")


def _integer_locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True, nbins=6)


def _absolute_formatter() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: f"{abs(round(value))}")
