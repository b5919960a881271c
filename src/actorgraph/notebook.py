"""The graph in a notebook: ``kg`` as the last line of a cell shows the interactive page.

Jupyter, JupyterLab and VS Code call ``ActorGraph._repr_html_``, which returns
:func:`repr_html`: the page of :mod:`actorgraph.export.html` inside a
sandboxed ``<iframe srcdoc=...>``. The sandbox lets the page run its own
scripts but gives it no access to the notebook (no same origin, no forms, no
top-level navigation); links to sources open in a new tab. Views display the
same way::

    kg.as_of("2021-09")
    kg.subgraph(["Russia", "Taliban", "ISIS-K", "Tajikistan"])
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .graph import ActorGraph

__all__ = ["repr_html"]

_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"


def repr_html(
    kg: ActorGraph, *, height: int = 600, as_of: str | None = None, title: str | None = None
) -> str:
    """An ``<iframe>`` holding the interactive page of ``kg``, ``height`` px tall.

    >>> from actorgraph.notebook import repr_html
    >>> from IPython.display import HTML                  # doctest: +SKIP
    >>> HTML(repr_html(kg, height=800, as_of="2022"))     # doctest: +SKIP
    """
    from .export.html import render

    page = render(kg, as_of=as_of, title=title)
    label = html.escape(title or "actorgraph", quote=True)
    return (
        f'<iframe sandbox="{_SANDBOX}" title="{label}" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #d9dde4; '
        f'border-radius: 4px;" srcdoc="{html.escape(page, quote=True)}"></iframe>'
    )
