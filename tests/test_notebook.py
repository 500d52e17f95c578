"""The walkthrough notebook runs from top to bottom without an error (nbclient, python3 kernel)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "ifv2020_walkthrough.ipynb"


def test_walkthrough_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "rapport"
    monkeypatch.setenv("TEXTCODE_NOTEBOOK_OUT", str(out))
    # The kernel imports textcode from the repository even when it is not installed.
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    )
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=240,
        resources={"metadata": {"path": str(ROOT)}},
    )
    client.execute()
    assert (out / "report.html").is_file()
    assert (out / "tabellen.xlsx").is_file()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    # Results show as tables: the coding result, themes, multiselect, insights, crosstab.
    assert len(html) >= 5
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Juridische kennis wordt in meer dan een kwart van de projecten" in printed
    assert "'bijna driekwart'" in str(outputs)
