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

import importlib
from typing import Any

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


def __getattr__(name: str) -> Any:
    module_name = _PUBLIC.get(name)
    if module_name is None:
        raise AttributeError(f"module 'textcode.review' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
