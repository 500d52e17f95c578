"""Packaged sample surveys, loaded as scikit-learn and seaborn load theirs.

    >>> from textcode.datasets import load_ifv2020
    >>> sample = load_ifv2020()
    >>> sample
    Dataset('ifv2020': 267 answers, 3 questions, 30 codes, 30 statements)
    >>> sample.answers.columns[:3].tolist()
    ['response_id', 'question', 'text']
    >>> load_ifv2020(as_frame=False).data.name
    'responses.csv'

The data files travel inside the installed package (``textcode/datasets/<name>/``), so the
examples of the README and the notebook run from any folder. ``textcode report --sample
ifv2020`` reads the same files on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    import pandas as pd

    from textcode.codebook import Codebook
    from textcode.ingest.sidecar import DatasetRoles

# Sample name -> the codebook it is coded with (a shipped codebook's file name).
SAMPLES: dict[str, str] = {"ifv2020": "crisis_innovation_nl.yaml"}


@dataclass(frozen=True)
class DatasetPaths:
    """Where a packaged sample's files are: the data as CSV and SPSS, its sidecar (column
    roles and the report's statements), its README and the codebook it is coded with."""

    name: str
    folder: Path
    data: Path
    sav: Path
    sidecar: Path
    readme: Path
    codebook: Path

    def __repr__(self) -> str:
        return f"DatasetPaths({self.name!r}: {self.folder})"


@dataclass(frozen=True, repr=False)
class Dataset:
    """A packaged sample survey, ready to code and count.

    ``answers`` is the answers table :func:`textcode.read_answers` gives for ``paths.data``
    (one row per open answer, every other column an attribute), ``roles`` its sidecar (units,
    closed and multiple-choice questions), ``codebook`` the codebook it is coded with and
    ``statements`` the report's statements the sidecar declares (``id``, ``section``,
    ``question``, ``text``; ``textcode.analyse_survey`` fills in their numbers).
    """

    name: str
    title: str
    answers: pd.DataFrame
    roles: DatasetRoles
    codebook: Codebook
    statements: pd.DataFrame
    paths: DatasetPaths

    def __repr__(self) -> str:
        return (
            f"Dataset({self.name!r}: {len(self.answers)} answers, "
            f"{self.answers['question'].nunique()} questions, {len(self.codebook.codes)} codes, "
            f"{len(self.statements)} statements)"
        )

    def _repr_html_(self) -> str:
        from html import escape

        return (
            f"<div><strong>{escape(self.title)}</strong> ({escape(self.name)}): "
            f"{len(self.answers)} answers to {self.answers['question'].nunique()} questions, "
            f"codebook {escape(self.codebook.id)} v{escape(str(self.codebook.version))}, "
            f"{len(self.statements)} statements</div>"
        )


def sample_names() -> tuple[str, ...]:
    """The names of the packaged samples (``textcode report --sample NAME``)."""
    return tuple(SAMPLES)


def sample_paths(name: str) -> DatasetPaths:
    """The files of the packaged sample ``name``; :class:`textcode.InputError` when unknown."""
    from textcode.codebook.loader import default_codebook_path
    from textcode.errors import InputError

    if name not in SAMPLES:
        raise InputError(
            f"there is no sample {name!r}; samples: {', '.join(SAMPLES)}",
            kind="not_found",
            value=name,
            allowed=SAMPLES,
        )
    folder = Path(str(resources.files("textcode") / "datasets" / name))
    return DatasetPaths(
        name=name,
        folder=folder,
        data=folder / "responses.csv",
        sav=folder / "responses.sav",
        sidecar=folder / "responses.textcode.yaml",
        readme=folder / "README.md",
        codebook=default_codebook_path().with_name(SAMPLES[name]),
    )


@overload
def load_ifv2020(*, as_frame: Literal[True] = ...) -> Dataset: ...
@overload
def load_ifv2020(*, as_frame: Literal[False]) -> DatasetPaths: ...
def load_ifv2020(*, as_frame: bool = True) -> Dataset | DatasetPaths:
    """The IFV 2020 innovation inventory: 89 projects of 25 questionnaires, with the report's
    real open answers (knowledge needs, other success factors, other barriers) and closed
    answers reconstructed to match every figure of the report (see its README).

    ``as_frame=False`` returns the paths of the files (:class:`DatasetPaths`) instead of
    reading them.
    """
    paths = sample_paths("ifv2020")
    if not as_frame:
        return paths
    return _load(paths)


def _load(paths: DatasetPaths) -> Dataset:
    import pandas as pd

    from textcode.codebook import load_codebook
    from textcode.ingest import read_answers
    from textcode.ingest.sidecar import load_sidecar

    roles = load_sidecar(paths.sidecar)
    statements = pd.DataFrame(
        [
            {"id": s.id, "section": s.section, "question": s.question, "text": s.text}
            for s in roles.insights
        ],
        columns=["id", "section", "question", "text"],
    )
    return Dataset(
        name=paths.name,
        title=roles.title,
        answers=read_answers(paths.data),
        roles=roles,
        codebook=load_codebook(paths.codebook),
        statements=statements,
        paths=paths,
    )


__all__ = ["Dataset", "DatasetPaths", "load_ifv2020", "sample_names", "sample_paths"]
