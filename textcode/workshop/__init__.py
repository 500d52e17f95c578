"""The codebook workshop: textcode as the exact, reproducible engine for improving a codebook.

- :mod:`textcode.workshop.rules`: try a rule on the answers before it joins the codebook;
- :mod:`textcode.workshop.drafts`: proposed codes and rules as a draft file a person accepts;
- :mod:`textcode.workshop.scoring`: a draft's precision and recall against review decisions.

Nothing here changes a codebook file: drafts become a new codebook only when a person says so.
"""
