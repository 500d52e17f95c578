"""Review machine suggestions, measure agreement and learn from the decisions.

- :mod:`textcode.review.ledger`: the append-only decision ledger and its replay;
- :mod:`textcode.review.session`: :class:`ReviewSession`, the queue a reviewer works through;
- :mod:`textcode.review.agreement`: agreement statistics between machine, reviewers and gold;
- :mod:`textcode.review.rulehealth`: precision per codebook rule, proposed exclusions;
- :mod:`textcode.review.learn`: training data from decisions and gold files, cross-validation;
- :mod:`textcode.review.model`: the learned suggester (proposes missed codes, doubts rule hits);
- :mod:`textcode.review.informative`: active learning, the answers to review first.
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
    "ModelSuggester": "textcode.review.model",
    "cross_validate": "textcode.review.learn",
    "informative_order": "textcode.review.informative",
    "plan_from_gold": "textcode.review.simulate",
}

__all__ = sorted(_PUBLIC)


__getattr__, __dir__ = lazy_names(__name__, _PUBLIC, globals())
