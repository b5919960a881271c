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

import io
import os
from typing import TYPE_CHECKING, Any

from ._parts import OKABE_ITO

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..analysis.series import Series

__all__ = ["FORMATS", "OKABE_ITO", "figure", "plot", "plot_format", "render", "require_matplotlib"]

#: The file formats :func:`plot` writes, by suffix.
FORMATS = {".svg": "svg", ".png": "png"}
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


def plot(series: Series[Any], path: str | os.PathLike[str], **options: Any) -> bytes:
    """Draw ``series`` into ``path`` (``.svg`` or ``.png``, written atomically); return the bytes.

    Options go to :func:`figure` (``title``, ``top``).
    """
    from ..atomic import write_files

    data = render(series, plot_format(path), **options)
    write_files({path: data})
    return data


def plot_format(path: str | os.PathLike[str]) -> str:
    """``svg`` or ``png`` from the file name; ``ValueError`` for anything else."""
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot plot into '{os.fspath(path)}': name an .svg or a .png file")
    return FORMATS[suffix]


def render(series: Series[Any], format: str = "svg", **options: Any) -> bytes:
    """The plot of ``series`` as SVG or PNG bytes (deterministic for the same series)."""
    matplotlib = require_matplotlib()
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
    require_matplotlib()
    if not len(series):
        raise ValueError("nothing to plot: the series has no rows")
    from . import _figures

    draw = {"balance": _figures.balance, "centrality": _figures.centrality}
    return draw.get(series.analysis, _figures.alignment)(series, title, top)


def require_matplotlib() -> Any:
    """matplotlib, or an ImportError that says how to install it."""
    try:
        import matplotlib
    except ImportError as error:
        raise ImportError("plots need matplotlib: pip install 'actorgraph[plot]'") from error
    return matplotlib
