"""examples/tour.ipynb runs top to bottom in a real Jupyter kernel, so it cannot rot."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

TOUR = Path(__file__).resolve().parents[1] / "examples" / "tour.ipynb"


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.extend(str(v) for v in output.get("data", {}).values())
    return "\n".join(parts)


def test_the_tour_runs_and_shows_what_it_says() -> None:
    notebook = nbformat.read(TOUR, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), (
        "commit the tour without outputs"
    )
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": TOUR.parent}}
    ).execute()
    outputs = "\n".join(_text(cell) for cell in notebook.cells if cell.cell_type == "code")
    assert "<ActorGraph:" in outputs
    assert "frustration index:" in outputs
    assert "flowchart LR" in outputs
    assert "actorgraph.gexf" in outputs and "relations.csv" in outputs
    assert "<table" in outputs  # DataFrames rendered as HTML
    assert outputs.count("<iframe") == 2  # the page, for the graph and for a view
