"""Codebooks: the YAML format, loading with validation, and the pattern language of rules."""

from textcode.codebook.loader import (
    default_codebook_path,
    dump_codebook,
    load_codebook,
    parse_codebook,
    save_codebook,
)
from textcode.codebook.model import Code, Codebook, Group, Negation, Pattern
from textcode.codebook.rules import parse_rule

__all__ = [
    "Code",
    "Codebook",
    "Group",
    "Negation",
    "Pattern",
    "default_codebook_path",
    "dump_codebook",
    "load_codebook",
    "parse_codebook",
    "parse_rule",
    "save_codebook",
]
