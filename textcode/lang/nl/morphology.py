"""Dutch derivations and spelling: which forms of a codebook term also count as the term.

A rule ``koning`` also finds "koningin", ``school`` "geschoolde", ``aanspreken`` "aansprekend",
``migratie`` "remigratie", ``huis`` "huisje", ``duidelijk`` "duidelijkheid", ``regeren``
"regering", and ``toeslagen`` the misspelling "torslagen".
The engine (``textcode.nlp.morphology``, ``textcode.nlp.spelling``) applies these affixes; the
words a derivation would get wrong are listed here, as compounds list their look-alikes.
"""

from __future__ import annotations

from textcode.lang import MorphologySettings

# Words that begin with a bound prefix in form only: a reaction is no action, the Reformation no
# cabinet formation, an exhibition no position.
NOT_DERIVED = frozenset(
    """
    reactie reacties reageren reformatie revisie revisies relatie relaties reductie recreatie
    redactie reclame registratie reparatie representatie resolutie revolutie religie reservering
    reserve resultaat respect recept receptie reclassering recessie reconstructie rectificatie
    referentie reflectie regie registratie reis reizen rekening reputatie restauratie
    herberg herder herfst hertog herinnering herkomst herkenning herhaling hernia heroine
    heroïne hersenen herrie herziening
    expositie expeditie expansie expert experts export excursie examen excuus extreem extreme
    exploitatie expressie existentie experiment experimenten exact
    antiek antieke antilope antipathie anticonceptie
    ouder ouders ouderen ouderdom oudheid
    gewoonte gewoontes gemiddelde gemiddeld gemeente gemeenten gestalte gedachte gedachten gedaante
    geboorte gebergte gewicht gezicht gerecht gedeelte gevaarte gewest gezant gelaat gevecht
    gericht geacht gewricht gebied gezond gezonde geleerde geleerden
    weekend weekends legende ellende
    """.split()
)

MORPHOLOGY = MorphologySettings(
    female_suffixes=("in", "es", "ster"),
    present_participles=("end", "ende"),
    past_participle_prefix="ge",
    past_participle_endings=("d", "de", "t", "te"),
    diminutives=("etjes", "etje", "tjes", "tje", "pjes", "pje", "kjes", "kje", "jes", "je"),
    bound_prefixes=("anti", "her", "oud", "re", "ex"),
    quality_suffixes=("heid",),
    action_suffixes=("ing",),
    min_base=5,
    not_derived=NOT_DERIVED,
    fuzzy_min_length=5,
    fuzzy_far_min_length=9,
    # Dutch spells one sound several ways: the "ij" as "y" or "ei", the "g" as "ch" at a
    # syllable's end, "au" as "ou", "ui" in names as "uy", "x" as "ks"; the old "-sche" as "-se".
    # QWERTY: each digit stands above the letters it is typed for ("b3ste", "n9rmaal").
    typed_digits=(
        ("1", "q"),
        ("2", "qw"),
        ("3", "we"),
        ("4", "er"),
        ("5", "rt"),
        ("6", "ty"),
        ("7", "yu"),
        ("8", "ui"),
        ("9", "io"),
        ("0", "op"),
    ),
    number_words=("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"),
    sound_alikes=(
        ("y", "ij"),
        ("ij", "y"),
        ("ei", "ij"),
        ("ij", "ei"),
        ("ch", "g"),
        ("g", "ch"),
        ("au", "ou"),
        ("ou", "au"),
        ("uy", "ui"),
        ("ui", "uy"),
        ("ks", "x"),
        ("x", "ks"),
        # The spelling before 1947 wrote "-sche" for "-se": "Nederlandsche", "Europeesche".
        ("sche", "se"),
    ),
    # The linking "-n-", "-s-" and "-e(n)-" that the spelling rules of 1995 and 2005 moved
    # ("gedachtengoed" and "gedachtegoed", "pannekoek" and "pannenkoek").
    compound_links=("", "s", "e", "n", "en"),
    # Light words, with the subject pronouns that an inverted main clause puts after its verb
    # ("volgens mij doen ze het goed" for "doen het goed") and the clitic forms ("m'n", "'t");
    # "eigen" after a possessive ("mijn eigen mening"), and the auxiliaries that a verb-last
    # clause puts before its participle ("dat Rutte het goed heeft gedaan" for "goed gedaan";
    # not the copulas: "het was eens" is no "het eens").
    light_words=frozenset(
        """
        te niet mijn je jouw wel de het een zijn haar hun ons onze uw me mij ook nog er echt
        toch al weer zo heel ik jij hij zij ze wij we ie m'n mn z'n 't gewoon erg zeer
        eigen heeft hebben had hadden wordt werd worden
        """.split()
    ),
    # Separable verb particles ("aanspreken": "spreekt me aan", "aansluiten": "sluit het best
    # aan") and "eens" of "het eens zijn" ("ik ben het met hun punten eens").
    particles=frozenset(
        """
        aan af bij door in mee na neer om op over samen terug toe uit vast voor weg eens
        """.split()
    ),
    particle_reach=8,
    clause_end_verbs=frozenset(
        """
        is was ben bent zijn waren heb hebt heeft had hadden hebben wordt werd worden werden
        kan kon kunnen konden wil wilde wilden willen moet moest moeten zal zou zullen zouden
        vind vindt vond vonden
        """.split()
    ),
    verb_last_clauses=True,
    phrase_openers=frozenset(
        """
        aan achter bij binnen boven buiten door in langs met na naar naast om onder op over
        sinds tegen tot tussen uit van vanwege volgens voor zonder dat omdat
        """.split()
    ),
    r_words=frozenset({"waar", "daar", "er", "hier"}),
    r_prepositions={
        **{
            word: word
            for word in """
            aan achter bij binnen boven buiten door in langs na naast om onder op over tegen
            tussen uit van voor
            """.split()
        },
        "met": "mee",
        "mee": "mee",
        "tot": "toe",
        "toe": "toe",
    },
    clause_openers=frozenset(
        """
        omdat want dus dat die als zodat hoewel terwijl doordat waardoor wat waar maar en of
        """.split()
    ),
    notes={
        "head": '"{term}" als kern van de samenstelling "{words}"',
        "first": '"{term}" als eerste deel van de samenstelling "{words}"',
        "part": '"{term}" als deel van "{words}"',
        "derived": '"{words}" als afgeleide vorm van "{base}" ("{term}")',
        "fuzzy": '"{words}" als spelfout voor "{base}" ("{term}")',
        "spelling": '"{words}" als andere spelling van "{base}" ("{term}")',
        "split": '"{words}" als "{term}" in twee woorden geschreven',
        "separable": '"{words}" met "{base}" verderop als "{term}"',
        "elided": '"{words}" als "{base}", samengetrokken met een woord ernaast ("{term}")',
        "shared": '"{words}" met het gedeelde "{base}" erna ("{term}")',
        "variant": '"{words}" (als "{term}")',
    },
)
