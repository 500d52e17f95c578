"""The walkthrough notebook runs from top to bottom without an error (nbclient, python3
kernel), from a folder outside the checkout, and shows its results as HTML tables."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

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
        startup_timeout=120,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    try:
        client.execute()
    except CellExecutionError:
        raise
    except Exception as exc:  # no kernel here (not installed, cannot start): not textcode's fault
        if client.kc is not None:
            raise
        pytest.skip(f"the python3 Jupyter kernel could not start: {type(exc).__name__}: {exc}")
    assert (out / "report.html").is_file()
    assert (out / "tabellen.xlsx").is_file()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    shown = "\n".join(html)
    # The sample, codebook, coding result, themes and agreement show as textcode's tables ...
    assert "Brede inventarisatie van innovatieprojecten" in shown
    assert "Codebook crisis_innovation_nl" in shown and "Gebrek aan financiering" in shown
    assert "<mark>" in shown and 'style="background:#4c78a8' in shown
    assert "QuestionThemes kennisbehoefte: " in shown
    assert "<th style='text-align:left'>cohen_kappa</th>" in shown
    # ... beside the analysis' own (multiselect, insights, crosstab).
    assert len(html) >= 10
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "<Codebook crisis_innovation_nl" in printed
    assert "Juridische kennis wordt in meer dan een kwart van de projecten" in printed
    assert "'bijna driekwart'" in str(outputs)
