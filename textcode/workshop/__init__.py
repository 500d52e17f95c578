"""The codebook workshop: textcode as the exact, reproducible engine for growing a codebook.

It sits on top of coding, as review and themes do. Nothing here changes a codebook file: a
proposal becomes a new codebook version only when a person applies it.

- :mod:`textcode.workshop.terms`: :func:`suggest_terms` proposes terms a code lacks, found in
  the researcher's own answers;
- :mod:`textcode.workshop.patch`: :func:`proposals_to_patch` writes proposals as a YAML patch to
  review, :func:`apply_patch` turns the accepted ones into a new codebook version;
- :mod:`textcode.workshop.rules`: try a rule on the answers before it joins the codebook;
- :mod:`textcode.workshop.drafts`: proposed codes and rules as a draft a person accepts;
- :mod:`textcode.workshop.scoring`: a draft's precision and recall against review decisions.
"""

from textcode.workshop.patch import (
    PatchEntry,
    apply_patch,
    bump_version,
    proposals_to_patch,
    read_patch,
)
from textcode.workshop.terms import TermProposal, suggest_terms

__all__ = [
    "PatchEntry",
    "TermProposal",
    "apply_patch",
    "bump_version",
    "proposals_to_patch",
    "read_patch",
    "suggest_terms",
]
