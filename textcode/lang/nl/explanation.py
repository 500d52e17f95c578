"""Dutch wording of the sentence that explains a suggestion (see ``ENGLISH_EXPLANATION``).

Gebrek aan financiering (belemmering.financiering): regel belemmering.financiering#1 vond
"budget"; "Onvoldoende" geeft aan dat het ontbreekt.
"""

from __future__ import annotations

EXPLANATION: dict[str, str] = {
    "rule": "{label} ({code}): regel {rule}{pattern} vond {matched}",
    "the_rule": "wat de regel zoekt",
    "cues.lacking.one": "{cues} geeft aan dat het ontbreekt",
    "cues.lacking.many": "{cues} geven aan dat het ontbreekt",
    "cues.sufficient.one": "{cues} geeft aan dat het voldoende is",
    "cues.sufficient.many": "{cues} geven aan dat het voldoende is",
    "cues.context.one": "{cues} bepaalt hoe het bedoeld is",
    "cues.context.many": "{cues} bepalen hoe het bedoeld is",
    "flipped": "het codeboek maakt hier van {source} de code {code}",
    "whole": "het is het hele antwoord",
}
