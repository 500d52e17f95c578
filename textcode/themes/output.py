"""The output folder of ``textcode themes --out DIR``.

    assignments.csv      response_id, question (codebook group), cluster (-1: none), distance,
                         status, source_question (the input's name of the question)
    clusters.json        per question: how k was chosen, and per cluster its id, size, label,
                         top lemmas, coherence, representative answers (ids and redacted
                         texts) and the codes present
    map_<question>.png   the answers on a 2-D map, coloured by cluster
    wordclouds/<question>_<cluster>.png

Every file is written atomically and is the same, byte for byte, in every run. A rerun into
the same folder removes the files of the previous run that this run did not write (word
clouds of clusters that no longer exist, the pictures after ``--no-pictures``), so the folder
never mixes two runs; files textcode did not write are left alone (:class:`OutputFolder`).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from textcode.io import OutputFolder
from textcode.io.delimited import rows_csv
from textcode.lang import get_language
from textcode.nlp.normalize import fold
from textcode.progress import progress

if TYPE_CHECKING:
    from textcode.themes.finder import ThemeFinder

_FILE_RE = re.compile(r"[^a-z0-9]+")


def file_stem(question: str) -> str:
    """A file-name-safe form of a question name ("B1" -> "b1", "" -> "antwoorden")."""
    return _FILE_RE.sub("_", fold(question)).strip("_") or "antwoorden"


def assignments_csv(finder: ThemeFinder) -> str:
    """``assignments.csv`` as text (distance with four decimals, empty when in no cluster)."""
    frame = finder.assignments_
    rows = []
    for response_id, question, cluster, distance, status, source in frame.itertuples(index=False):
        shown = "" if cluster < 0 or math.isnan(distance) else f"{distance:.4f}"
        rows.append([response_id, question, int(cluster), shown, status, source])
    return rows_csv(rows, header=[str(c) for c in frame.columns])


def clusters_json(finder: ThemeFinder) -> str:
    """``clusters.json`` as text."""
    return json.dumps(finder.to_dict(), ensure_ascii=False, indent=2) + "\n"


def write_outputs(
    finder: ThemeFinder, out: str | Path, *, pictures: bool = True, quiet: bool = True
) -> list[Path]:
    """Write the output folder; returns the files written."""
    with OutputFolder(out, command="themes") as folder:
        written = [
            folder.write_text("assignments.csv", assignments_csv(finder)),
            folder.write_text("clusters.json", clusters_json(finder)),
        ]
        if pictures:
            written.extend(write_pictures(finder, folder, quiet=quiet))
    return written


def write_pictures(finder: ThemeFinder, folder: OutputFolder, *, quiet: bool = True) -> list[Path]:
    """The map of each question and a word cloud per cluster."""
    from textcode.themes.plots import answer_positions, map_png, wordcloud_png

    written: list[Path] = []
    stems: dict[str, int] = {}
    for question, model in finder.models_.items():
        stem = file_stem(question)
        stems[stem] = stems.get(stem, 0) + 1
        if stems[stem] > 1:  # two questions with the same file name ("B 1", "b1")
            stem = f"{stem}_{stems[stem]}"
        clustering = model.clustering
        points, positions = answer_positions(
            model.matrix,
            clustering.centers,
            clustering.labels,
            clustering.similarity,
            seed=finder.seed,
        )
        names = [t.label for t in model.themes]
        title = get_language(finder.language_).themes.MAP_TITLE.format(
            question=question, answers=len(model.rows), clusters=len(names)
        )
        picture = map_png(
            points, clustering.labels, positions, names, title=title, seed=finder.seed
        )
        written.append(folder.write_bytes(f"map_{stem}.png", picture))
        clusters = progress(
            model.themes, total=len(model.themes), desc="word clouds", unit="clusters", quiet=quiet
        )
        for theme in clusters:
            row = model.lemma_weights[theme.id]
            weights = {
                model.lemma_vocabulary[i]: float(row[i])
                for i in row.argsort(kind="stable")[::-1][:40]
                if row[i] > 0
            }
            name = f"wordclouds/{stem}_{theme.id:02d}.png"
            written.append(folder.write_bytes(name, wordcloud_png(weights, seed=finder.seed)))
    return written
