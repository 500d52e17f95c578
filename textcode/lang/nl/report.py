"""Dutch wording of the HTML report's headings, captions and notes."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "default_title": "Rapport open antwoorden",
    "overview": "Overzicht",
    "insights": "Kernbevindingen",
    "open_questions": "Open vragen",
    "themes": "Thema's",
    "theme": "Thema",
    "answers": "Antwoorden",
    "share": "Aandeel",
    "statements": "Inzichten",
    "quotes": "Citaten per thema",
    "chart": "Grafiek",
    "wordcloud": "Woordwolk (lemma's, zonder stopwoorden)",
    "crosstab": "Kruistabel naar",
    "cooccurrence": "Thema's die samen worden genoemd",
    "pairs": "Paren",
    "kwic": "Woorden in context",
    "multiselect": "Meerkeuzevragen met gecodeerd 'overig'",
    "option": "Antwoordoptie",
    "ticked": "Aangevinkt",
    "from_other": "Erbij uit 'overig'",
    "total": "Totaal",
    "new_theme": "nieuw thema",
    "no_content": "geen inhoud",
    "uncoded": "niet gecodeerd",
    "closed": "Gesloten vragen",
    "category": "Antwoord",
    "keyness": "Kenmerkende woorden per groep",
    "lemma": "Lemma",
    "in_group": "In groep",
    "rest": "Overige groepen",
    "codes_per_answer": "Aantal codes per antwoord",
    "codes": "Codes",
    "verbatim": "Letterlijke antwoorden (niet gecodeerd)",
    "method": "Verantwoording",
    "evidence": "Bijlage A: onderbouwing van elk getal",
    "appendix": "Bijlage B: antwoorden",
    "question": "Vraag",
    "test": "Toets",
    "small_counts": "kleine aantallen",
    "none": "geen",
    "base": "N",
    "redacted": "Persoonsgegevens in citaten zijn vervangen door [NAAM], [E-MAIL], [TELEFOON], …",
    "not_redacted": "Let op: citaten zijn NIET ontdaan van persoonsgegevens (--no-redact).",
    "rows": "rijen",
    "source": "Bron",
    "codebook": "Codeboek",
    "no_answers": "Geen antwoorden.",
    "no_rows": "Geen antwoorden in dit bestand.",
    "no_open_answers": "Geen ingevulde open antwoorden in dit bestand.",
    "contents": "Inhoud",
    "respondent": "Eenheid",
    "closed_answers": "Gesloten antwoorden",
    "open_answers": "Open antwoorden",
    "sample": (
        "Een steekproef: de citaten, de woorden in context, de bijlagen en de antwoorden achter "
        "elk getal komen van {shown} van de {rows} rijen, gekozen op hun id (elke keer dezelfde). "
        "Alle aantallen, aandelen, toetsen en kenmerkende woorden tellen alle {answers} antwoorden."
    ),
    "share_axis": "% van wie de vraag beantwoordde",
    "both_codes": "antwoorden met beide codes",
    "other": "overig",
}

METHOD = """
<p>Elk getal in dit rapport is een link naar de antwoorden die het onderbouwen (bijlage A),
en elk id daar naar het antwoord zelf (bijlage B).</p>
<ul>
<li><b>Noemer.</b> Aandelen zijn aandelen van wie de vraag beantwoordde: bij een open vraag de
eenheden met een inhoudelijk antwoord (niet leeg en niet alleen 'geen inhoud', zoals "n.v.t."),
bij een gesloten vraag de eenheden met een antwoord (een vervolgvraag heeft dus alleen de groep
die hem kreeg als noemer), bij een meerkeuzevraag de eenheden die iets aanvinkten of bij
'overig' iets schreven. Antwoorden op vragenlijstniveau tellen één keer per vragenlijst.</li>
<li><b>Meerkeuze en 'overig'.</b> Een 'overig'-antwoord wordt gecodeerd; een code die voor een
antwoordoptie staat, telt bij die optie (één keer per eenheid, aangevinkt of geschreven). Andere
codes staan apart als nieuw thema.</li>
<li><b>Woorden voor aandelen.</b> 0% geen; onder 4,5% vrijwel geen; 95% tot 100% vrijwel alle;
100% alle; verder het dichtstbijzijnde ankerpunt (één op de twintig, één op de tien, één op de
vijf, een kwart, een derde, twee op de vijf, de helft, drie op de vijf, twee derde, driekwart,
vier op de vijf, negen op de tien): precies als het op hele procenten gelijk is, anders 'bijna'
(eronder) of 'ruim' (erboven).</li>
<li><b>Toetsen.</b> Per thema een toets op onafhankelijkheid van de groepen: Fisher's exacte
toets als een verwachte celfrequentie onder 5 ligt (en de tabel klein genoeg is), anders
chi-kwadraat. Bij verwachte frequenties onder 5 staat een waarschuwing: de p-waarde is dan
onzeker.</li>
<li><b>Privacy.</b> Coderen gebeurt op de oorspronkelijke tekst; getoonde tekst is ontdaan van
persoonsgegevens, met gemarkeerd bewijs dat op dezelfde woorden blijft vallen.</li>
</ul>
"""
