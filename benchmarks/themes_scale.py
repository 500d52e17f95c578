"""Time `textcode themes` on 50,000 answers and report its peak memory.

    .venv/bin/python benchmarks/themes_scale.py [--n 50000] [--keep DIR]

The answers are real answers of ../shared/data/real/vu_election_2021, repeated with small
deterministic variations until there are ``--n`` (a changed case, a lead-in such as
"Vooral", a dropped word, two letters swapped), so that most texts are new to the caches.
``--source B1`` takes the 2,170 answers of question B1 (50,000 answers to one question, the
common case); ``--source all`` pools all 9,076 answers of the seven questions as one question
(the hardest case: one clustering of everything).
The command runs in a child process with ``--out`` (pictures included); wall time and the
child's peak resident memory (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``) are printed.
Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_CSV = (
    ROOT.parent
    / "shared"
    / "data"
    / "real"
    / "vu_election_2021"
    / ("vu_panel_2021_open_answers.csv")
)
LEAD_INS = ("Vooral ", "Het ging over ", "Ik denk ", "Volgens mij ", "Toch wel ", "Met name ")


def vary(text: str, rng: random.Random) -> str:
    words = text.split()
    choice = rng.randrange(5)
    if choice == 0:
        return text.lower() if text != text.lower() else text.capitalize()
    if choice == 1:
        return rng.choice(LEAD_INS) + text[:1].lower() + text[1:]
    if choice == 2 and len(words) >= 3:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    if choice == 3:
        long = [i for i, w in enumerate(words) if len(w) >= 5]
        if long:
            i = rng.choice(long)
            w = words[i]
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
            return " ".join(words)
    return text + rng.choice((".", "!", " natuurlijk", " vooral"))


def build(n: int, path: Path, source: str) -> int:
    with REAL_CSV.open(encoding="utf-8", newline="") as handle:
        texts = [
            row["answer"] or ""
            for row in csv.DictReader(handle)
            if source == "all" or row["variable"] == source
        ]
    rng = random.Random(0)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["response_id", "question", "text"])
        for i in range(n):
            text = texts[i % len(texts)]
            if i >= len(texts):
                text = vary(text, rng)
            writer.writerow([f"r{i:06d}", source, text])
    return len({t for t in texts})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--source", default="B1", help="a question (B1) or all (default B1)")
    parser.add_argument("--keep", help="keep the output folder here")
    parser.add_argument("--codebook", help="codebook (default: the shipped one)")
    args = parser.parse_args()
    if not REAL_CSV.exists():
        print(f"skipped: {REAL_CSV} not found", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "answers.csv"
        build(args.n, data, args.source)
        out = Path(args.keep) if args.keep else Path(tmp) / "out"
        command = [
            sys.executable, "-m", "textcode", "themes", str(data), "--question-column",
            "question", "--text-column", "text", "--id-column", "response_id",
            "--out", str(out), "--quiet", "--json",
        ]  # fmt: skip
        if args.codebook:
            command += ["--codebook", args.codebook]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        import json

        result = json.loads(done.stdout)["questions"][0]
        sizes = [c["size"] for c in result["clusters"]]
        mixed = sum(c["size"] for c in result["clusters"] if c["mixed"])
        print(
            f"source: {args.source}, answers: {args.n}, clustered: {result['n_clustered']}, "
            f"non-substantive: {result['n_non_substantive']}, k: {result['k']}"
        )
        print(
            f"largest cluster: {max(sizes) / result['n_clustered']:.1%}, "
            f"in mixed clusters: {mixed / result['n_clustered']:.1%}"
        )
        print(f"wall time: {seconds:.1f} s, peak memory: {peak_mb:.0f} MB")
        for cluster in result["clusters"][:8]:
            print(f"  {cluster['size']:>6}  {cluster['label']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
