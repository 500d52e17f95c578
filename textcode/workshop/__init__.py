"""The codebook workshop: textcode as the exact, reproducible engine for growing a codebook.

It sits on top of coding, as review and themes do. Nothing here changes a codebook file: a
proposal becomes a new codebook version only when a person applies it.

- :mod:`textcode.workshop.terms`: :func:`suggest_terms` proposes terms a code lacks, found in
  the researcher's own answers;
- :mod:`textcode.workshop.patch`: one format for proposed changes (new codes, rules more,
  rules rewritten), whoever made them: :func:`patch_from_proposals` turns proposed terms into a
  patch to review, :func:`apply_patch` turns a patch into a new codebook version;
- :mod:`textcode.workshop.rules`: try a rule on the answers before it joins the codebook;
- :mod:`textcode.workshop.scoring`: a patch's precision and recall against review decisions.
"""

from textcode.workshop.patch import (
    NewPattern,
    Patch,
    apply_patch,
    bump_version,
    dump_patch,
    load_patch,
    parse_patch,
    patch_from_proposals,
    read_patch,
    write_patch,
)
from textcode.workshop.terms import TermProposal, suggest_terms

__all__ = [
    "NewPattern",
    "Patch",
    "TermProposal",
    "apply_patch",
    "bump_version",
    "dump_patch",
    "load_patch",
    "parse_patch",
    "patch_from_proposals",
    "read_patch",
    "suggest_terms",
    "write_patch",
]
