"""How far a structure read from outside may go (see :mod:`textcode.parsing`)."""

from __future__ import annotations

# Nesting levels of a YAML, JSON or XML document, a rule's parentheses and relations, or a
# dictionary's categories. Real files stay far below (a codebook about 6 levels, a REFI-QDA
# project about 8, a rule 3 or 4); a limit well under Python's recursion limit keeps every
# reader and every walk over what it read on the safe side of the stack.
MAX_DEPTH = 100

# Values that YAML aliases may repeat in all (an anchored list of 50 rules used by 30 codes
# repeats 1,500): enough for any real file, and the end of an alias bomb, which nine lines of
# nine aliases each make repeat 387 million values.
MAX_ALIAS_REPEATS = 100_000

# The longest answer read, in characters (two million: a few hundred pages of text). The readers
# refuse a longer one naming its row; everything after them (the coder, the lemma pipeline)
# takes any answer up to it.
MAX_ANSWER_CHARS = 2_000_000
