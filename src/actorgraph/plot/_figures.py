"""The three figures: balance, centrality and alignment over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import _parts as parts

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis.series import Series


# --------------------------------------------------------------------------- balance


def balance(series: Series[Any], title: str | None, top: int) -> Figure:
    """Frustration index (exact or bounded) over partial balance; camp changes lettered."""
    from matplotlib.lines import Line2D

    steps = list(series)
    x = [parts.when(s.as_of) for s in steps]
    changes = [(x[i], s) for i, s in enumerate(steps) if s.moved]
    letters = parts.letters(len(changes))
    entries = [
        f"{letter}  {s.as_of}: " + ", ".join(_names(series, s.moved))
        for letter, (_, s) in zip(letters, changes, strict=True)
    ]
    panels = 3 if entries else 2
    note = parts.footnote_height(entries) if entries else 0.0
    fig, axes = parts.new_figure(panels, 5.6 + note, (3, 2, note)[:panels])
    axes[1].sharex(axes[0])
    handles = _index_panel(axes[0], x, steps) + _partial_panel(axes[1], x, steps)
    parts.x_axis(axes[1], series)
    for number, ((when, _), letter) in enumerate(zip(changes, letters, strict=True)):
        parts.marks(axes[:2], when, letter, f"camp-change-{number}")
    if entries:
        mark = Line2D([], [], color=parts.colour("reddish purple"), linestyle=":", linewidth=1.3)
        mark.set_label("actors changed camp (lettered, listed below)")
        handles.append(mark)
        parts.footnote(axes[2], "Changed camp since the step before:", entries)
    fig.suptitle(
        title or f"Structural balance of the signed ties, {parts.span(series)}", fontsize=12
    )
    parts.legend(axes[0], handles, 2)
    return fig


def _index_panel(ax: Axes, x: list[dt.date], steps: list[Any]) -> list[Any]:
    """The index at each step: a filled dot when exact, a hollow diamond over its bounds if not."""
    from matplotlib.ticker import MaxNLocator

    blue, vermillion = parts.colour("blue"), parts.colour("vermillion")
    ax.plot(x, [s.index for s in steps], color=blue, linewidth=1.4, gid="index-line")
    exact = [(xi, s) for xi, s in zip(x, steps, strict=True) if s.exact]
    rough = [(xi, s) for xi, s in zip(x, steps, strict=True) if not s.exact]
    handles = ax.plot(
        [p[0] for p in exact],
        [p[1].index for p in exact],
        linestyle="none",
        marker="o",
        markersize=5,
        color=blue,
        label="frustration index, exact",
        gid="index-exact",
    )
    if rough:
        ax.vlines(
            [p[0] for p in rough],
            [p[1].lower_bound for p in rough],
            [p[1].index for p in rough],
            color=vermillion,
            linewidth=1.4,
            gid="index-bounds",
        )
        handles += ax.plot(
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
    ax.set_ylabel("Frustration index\n(ties to flip for two clean camps)")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0, top=max(max(s.index for s in steps), 1) * 1.15 + 0.3)
    ax.tick_params(labelbottom=False)
    return handles


def _partial_panel(ax: Axes, x: list[dt.date], steps: list[Any]) -> list[Any]:
    """Partial balance at each step, 1 at the top; hollow where the index is only a bound."""
    green = parts.colour("bluish green")
    ax.plot(x, [s.partial_balance for s in steps], linewidth=1.4, color=green)
    handles = []
    for exact in (True, False):
        at = [(xi, s.partial_balance) for xi, s in zip(x, steps, strict=True) if s.exact == exact]
        if at or exact:
            handles += ax.plot(
                [p[0] for p in at],
                [p[1] for p in at],
                linestyle="none",
                marker="s",
                markersize=4.5,
                color=green,
                markerfacecolor=green if exact else "white",
                label="partial balance, 1 − 2·index / signed ties"
                if exact
                else "partial balance, at least (heuristic index)",
                gid="partial-balance" if exact else "partial-balance-heuristic",
            )
    low = min(s.partial_balance for s in steps)
    ax.set_ylim(max(0.0, low - 0.1 * (1.0 - low) - 0.02), 1.02)
    ax.set_ylabel("Partial balance\n(1 = balanced)")
    return handles


def _names(series: Series[Any], actors: Sequence[str]) -> list[str]:
    return [series.names.get(a, a) for a in actors]


# --------------------------------------------------------------------------- centrality

_MEASURE_LABELS = {
    "degree": "Degree centrality\n(share of the other actors tied to)",
    "betweenness": "Betweenness centrality\n(share of shortest paths through)",
    "eigenvector": "Eigenvector centrality",
}


def centrality(series: Series[Any], title: str | None, top: int) -> Figure:
    by = series.options.get("by", "degree")
    total: dict[str, float] = {}
    for row in series:
        total[row.actor] = total.get(row.actor, 0.0) + row.score
    top = max(1, min(top, len(parts.MARKERS)))
    chosen = sorted(total, key=lambda a: (-round(total[a], 9), series.names[a].casefold(), a))
    chosen = chosen[:top]
    fig, (ax,) = parts.new_figure(1, 5.2, (1,))
    for number, actor in enumerate(chosen):
        rows = [r for r in series if r.actor == actor]
        ax.plot(
            [parts.when(r.as_of) for r in rows],
            [r.score for r in rows],
            color=parts.colour(parts.LINES[number % len(parts.LINES)]),
            marker=parts.MARKERS[number],
            markersize=4.5,
            linewidth=1.4,
            linestyle="-" if number < len(parts.LINES) else "--",
            label=parts.plain(series.names[actor]),
            gid=f"actor-{number}",
        )
    ax.set_ylabel(_MEASURE_LABELS.get(by, by))
    ax.set_ylim(bottom=0)
    parts.x_axis(ax, series)
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
        title
        or f"The {len(chosen)} actors of highest mean {name} centrality, {parts.span(series)}",
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


def alignment(series: Series[Any], title: str | None, top: int) -> Figure:
    steps = list(series)
    x = [parts.when(s.as_of) for s in steps]
    changes = [(x[i], s) for i, s in enumerate(steps) if s.changed or s.began or s.ended]
    letters = parts.letters(len(changes))
    entries = [_change_entry(letter, s) for letter, (_, s) in zip(letters, changes, strict=True)]
    panels = 3 if entries else 2
    note = parts.footnote_height(entries) if entries else 0.0
    fig, axes = parts.new_figure(panels, 5.4 + note, (2, 2, note)[:panels])
    tie_ax, count_ax = axes[0], axes[1]
    count_ax.sharex(tie_ax)
    handles = _tie_panel(tie_ax, x, steps) + _count_panel(
        count_ax, x, steps, parts.bar_width(series)
    )
    parts.x_axis(count_ax, series)
    for number, ((when, _), letter) in enumerate(zip(changes, letters, strict=True)):
        parts.marks(axes[:2], when, letter, f"change-{number}")
    if entries:
        parts.footnote(axes[2], "What changed (+ began, − ended):", entries)
    a, b = (series.names[i] for i in (steps[0].a, steps[0].b))
    fig.suptitle(parts.plain(title or f"{a} and {b}, {parts.span(series)}"), fontsize=12)
    parts.legend(tie_ax, handles, 3)
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
            face = parts.colour(colour) if strength == "strong" else "white"
            handles += ax.plot(
                at,
                [_TIE_LEVEL[sign]] * len(at),
                linestyle="none",
                marker=marker,
                markersize=6.5,
                markeredgewidth=1.3,
                color=parts.colour(colour),
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
        color=parts.colour("bluish green"),
        label="cooperative relations (up)",
    )
    hostile = ax.bar(
        x,
        [-len(s.negative) for s in steps],
        width=width,
        color=parts.colour("vermillion"),
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
