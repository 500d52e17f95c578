"""Review machine suggestions, measure agreement and learn from the decisions.

- :mod:`textcode.review.ledger`: the append-only decision ledger and its replay;
- :mod:`textcode.review.session`: :class:`ReviewSession`, the queue a reviewer works through;
- :mod:`textcode.review.agreement`: agreement statistics between machine, reviewers and gold;
- :mod:`textcode.review.rulehealth`: precision per codebook rule, proposed exclusions;
- :mod:`textcode.review.learn`: a supervised suggester trained on decisions and gold files.
"""

from __future__ import annotations

from textcode.public import lazy_names

_PUBLIC: dict[str, str] = {
    "Ledger": "textcode.review.ledger",
    "LedgerEntry": "textcode.review.ledger",
    "MachineSuggestion": "textcode.review.ledger",
    "replay": "textcode.review.ledger",
    "ReviewSession": "textcode.review.session",
    "ReviewItem": "textcode.review.session",
    "measure_agreement": "textcode.review.agreement",
    "AgreementResult": "textcode.review.agreement",
    "rule_health": "textcode.review.rulehealth",
    "ModelSuggester": "textcode.review.learn",
    "combine_suggestions": "textcode.review.learn",
    "cross_validate": "textcode.review.learn",
    "plan_from_gold": "textcode.review.simulate",
}

__all__ = sorted(_PUBLIC)


__getattr__, __dir__ = lazy_names(__name__, _PUBLIC, globals())
