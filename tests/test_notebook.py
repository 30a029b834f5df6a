"""notebooks/explore.ipynb runs from top to bottom in a real kernel (nbclient), and is saved
without outputs."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def test_the_notebook_is_saved_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


def test_the_notebook_runs_the_queries_and_shows_a_view(tmp_path: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, if a cell fails
    texts, html = [], []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error"
            if output.output_type == "stream":
                texts.append(output.text)
            data = output.get("data", {})
            texts.append(data.get("text/plain", ""))
            html.append(data.get("text/html", ""))
    assert "warn" not in "\n".join(texts).lower()
    text = "\n".join(texts) + "\n".join(h for h in html if "<iframe" not in h)
    assert "'Paper': 250" in text  # the sample corpus's papers
    assert "method:knowledge-distillation" in text and "dataset:mmlu" in text  # find and entity_report
    assert "Compact Language Models via Pruning" in text  # shared-methods
    assert "warn" not in text.lower()
    assert "knowledge distillation" in text and "Advantage-Guided Distillation" in text  # papers-using-method
    (frame,) = [h for h in html if "<iframe" in h]
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "kg.cli" not in code  # the public API only
    assert re.search(r'<iframe srcdoc="&lt;!DOCTYPE html&gt;.*vis\.Network', frame, re.DOTALL)
    assert re.search(r"\d+ nodes, \d+ edges", text)
    assert list(tmp_path.iterdir()) == []  # nothing written next to the notebook
