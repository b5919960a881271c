"""What the figures share: palette, dates on the x axis, lettered marks, footnotes, legends."""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..dates import parse_partial_date

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis.series import Series

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
LINES = ("blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue", "black")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
STEP_WORDS = {"year": "one step a year", "quarter": "one step a quarter", "month": "one a month"}
FOOTNOTE_ENTRIES = 10


def colour(name: str) -> str:
    return OKABE_ITO[name]


def plain(text: str) -> str:
    """Text from the data, shown as written: matplotlib reads $...$ as mathematics."""
    return text.replace("$", r"\$")


def when(date: str) -> dt.date:
    p = parse_partial_date(date)
    return dt.date(p.year, p.month or 1, p.day or 1)


def span(series: Series[Any]) -> str:
    first, last = series.dates[0], series.dates[-1]
    return first if first == last else f"{first} to {last}"


def x_axis(ax: Axes, series: Series[Any]) -> None:
    from matplotlib import dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    steps = STEP_WORDS.get(series.step or "", "at the dates given")
    ax.set_xlabel(f"As of ({steps})")
    first, last = when(series.dates[0]), when(series.dates[-1])
    margin = max(dt.timedelta(days=20), (last - first) * 0.02)
    ax.set_xlim(first - margin, last + margin)


def bar_width(series: Series[Any]) -> float:
    """Bar width in days: most of the shortest gap between steps."""
    days = [when(b) - when(a) for a, b in itertools.pairwise(series.dates)]
    return 0.7 * min(days).days if days else 200.0


def marks(axes: Sequence[Axes], when: dt.date, letter: str, gid: str) -> None:
    """A dotted vertical line through every panel at ``when``, lettered at the top."""
    for panel, ax in enumerate(axes):
        ax.axvline(
            when,
            color=colour("reddish purple"),
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
        color=colour("reddish purple"),
        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"},
    )


def footnote(ax: Axes, heading: str, entries: list[str]) -> None:
    """A panel of text under the plot: ``heading`` then each entry, wrapped."""
    ax.axis("off")
    shown = entries[:FOOTNOTE_ENTRIES]
    lines = [heading]
    for entry in shown:
        lines.extend(textwrap.wrap(entry, 125, subsequent_indent="      "))
    if len(entries) > len(shown):
        lines.append(f"… and {len(entries) - len(shown)} more (in the series' table)")
    ax.text(0, 1, plain("\n".join(lines)), va="top", ha="left", fontsize=8, linespacing=1.5)


def legend(ax: Axes, handles: list[Any], columns: int) -> None:
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


def letters(count: int) -> list[str]:
    return [chr(ord("A") + i) if i < 26 else str(i + 1) for i in range(count)]


def new_figure(rows: int, height: float, ratios: Sequence[float]) -> tuple[Figure, list[Axes]]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9.0, height), layout="constrained")
    axes = fig.subplots(rows, 1, height_ratios=list(ratios), squeeze=False)[:, 0]
    return fig, list(axes)


def footnote_height(entries: list[str]) -> float:
    lines = 1 + sum(len(textwrap.wrap(e, 125)) for e in entries[:FOOTNOTE_ENTRIES])
    return 0.19 * (lines + (len(entries) > FOOTNOTE_ENTRIES)) + 0.1
