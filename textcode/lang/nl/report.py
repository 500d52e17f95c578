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
    "multiselect": "Meerkeuzevragen",
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
    "decimal_sign": ",",
    "other_uncoded": "Overig, niet gecodeerd",
    "no_content_note": (
        "{n} keer stond bij 'overig' geen inhoudelijk antwoord (zoals \"n.v.t.\"); dat telt "
        "niet als antwoordoptie."
    ),
    "multiselect_other": "Bij 'overig' geschreven antwoorden zijn gecodeerd en tellen bij de "
    "optie waar hun code voor staat, of als nieuw thema.",
    "test_names": "fisher exact=Fisher|chi-square=χ²|none=geen toets",
    "small_counts_note": (
        "bij {cells} van de cellen is de verwachte frequentie kleiner dan 5 (kleinste {smallest}); "
        "de p-waarde is onzeker"
    ),
    "contradicted": "⚠ De gegevens spreken deze bewering tegen: {why}.",
    "contradicted_word": "'{word}' betekent {expect}, de gegevens geven {pct}",
    "contradicted_expect": "verwacht {expect}, de gegevens geven {pct}",
    "contradicted_compare": "verwacht {expect}, de gegevens geven {pct1} tegen {pct2}",
    "conclusions": "Conclusies",
    "conclusion_unknown": "⚠ Verwijst naar '{name}', een bewering die het rapport niet kent.",
    "conclusion_cites": "⚠ Steunt op een bewering die de gegevens tegenspreken: {names}.",
    "conclusion_expect": "⚠ Niet in lijn met de gegevens: verwacht {expect}.",
    "findings": "Automatische bevindingen",
    "differences": "Grootste verschillen tussen groepen",
    "difference": (
        "{label}: {high_pct} bij {high} ({high_n} van {high_N}) tegen {low_pct} bij {low} "
        "({low_n} van {low_N}); {test}, {p}."
    ),
    "difference_caution": " Let op: kleine groepen (kleinste N = {smallest}); lees dit als "
    "aanwijzing, niet als bewijs.",
    "no_differences": "Geen verschil tussen groepen met p < {alpha}.",
    "together": "Thema's die vaak samen worden genoemd",
    "pair": (
        "'{a}' en '{b}' worden samen genoemd in {n} antwoorden op '{question}' (Jaccard {jaccard})."
    ),
    "open_adds": "Wat de open antwoorden toevoegen",
    "adds_new": (
        "De open antwoorden bij '{question}' voegen {count} {what} toe die geen antwoordoptie "
        "zijn: {items}."
    ),
    "adds_options": "Ze vullen daarnaast {count} aangevinkte opties aan: {items}.",
    "adds_none": "De open antwoorden bij '{question}' voegen geen nieuw thema toe.",
    "adds_themes": ("De open antwoorden op '{question}' noemen {count} thema's: {items}."),
    "what_themes": "thema's",
    "what_theme": "thema",
    "keyness_note": (
        "Lemma's die in een groep minstens {min_count} keer voorkomen; woorden uit de vragen zelf "
        "en functiewoorden zijn weggelaten. ⚠ betekent kleine aantallen (een verwachte frequentie "
        "onder 5): de p-waarde komt dan uit Fishers exacte toets en is onzeker."
    ),
    "closed_chart_axis": "% van wie de vraag beantwoordde",
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
toets ("Fisher"; bij meer dan twee groepen met een Monte Carlo-p-waarde uit een vaste seed) als
een verwachte celfrequentie onder 5 ligt (en de tabel klein genoeg is), anders chi-kwadraat
("χ²"). Bij verwachte frequenties onder 5 staat een waarschuwing: de p-waarde is dan
onzeker.</li>
<li><b>Verschillen tussen groepen.</b> Elke antwoordoptie en elk antwoord op een gesloten vraag
wordt per kenmerk (organisatietype, niveau, opdrachtgever, …) met dezelfde toetsen getoetst;
het rapport toont de grootste verschillen met p &lt; 0,05. Bij groepen kleiner dan 10 staat een
waarschuwing: lees zo'n verschil als aanwijzing. Met zoveel toetsen is een enkele lage
p-waarde ook bij toeval te verwachten.</li>
<li><b>Beweringen gecontroleerd.</b> Een bewering uit het sidecar-bestand met een verwachting
(<code>expect</code>) of een wegend woord ("zelden": hoogstens 10%, "slechts": hoogstens een
derde, "meeste": meer dan de helft) wordt tegen de gegevens gehouden; spreken de gegevens haar
tegen, dan staat dat erbij.</li>
<li><b>Privacy.</b> Coderen gebeurt op de oorspronkelijke tekst; getoonde tekst is ontdaan van
persoonsgegevens, met gemarkeerd bewijs dat op dezelfde woorden blijft vallen.</li>
</ul>
"""
