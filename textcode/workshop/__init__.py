"""The codebook workshop: tools that help a researcher grow their codebook from their answers.

It sits on top of coding, as review and themes do. :func:`suggest_terms` proposes terms a code
lacks, found in the researcher's own answers; :func:`proposals_to_patch` writes them as a YAML
patch to review; :func:`apply_patch` turns the accepted ones into a new codebook version.
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
