"""The reconstructed IFV 2020 sample agrees with every aggregate the seed report states.

Plain pandas on both files (CSV and SPSS), independent of textcode's analysis, so that a bug in
the analysis cannot hide a bug in the data. Each test names the report statement it checks.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ifv2020"
SEED = ROOT.parent / "shared" / "seed" / "ifv_inventarisatie_innovatie_2020.txt"
AGREE = ("Helemaal mee eens", "Enigszins mee eens")
DISAGREE = ("Enigszins mee oneens", "Helemaal niet mee eens")


def _csv() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "responses.csv", dtype=str, keep_default_na=False)


def _sav() -> pd.DataFrame:
    df, _ = pyreadstat.read_sav(str(SAMPLE / "responses.sav"), apply_value_formats=True)
    out = df.astype(object).where(df.notna(), "")
    for column in out.columns:
        # Checkboxes are labelled "Gekozen"/"Niet gekozen" in SPSS; 1/0 in the CSV.
        out[column] = out[column].map(
            lambda v: (
                {"Gekozen": "1", "Niet gekozen": "0"}.get(v, v)
                if isinstance(v, str)
                else str(int(v))
            )
        )
    return out


@pytest.fixture(scope="module", params=["csv", "sav"])
def table(request: pytest.FixtureRequest) -> pd.DataFrame:
    return _csv() if request.param == "csv" else _sav()


def _per_questionnaire(table: pd.DataFrame) -> pd.DataFrame:
    return table.drop_duplicates("vragenlijst_id")


def _share(series: pd.Series, values: tuple[str, ...]) -> tuple[int, int]:
    answered = series[series != ""]
    return int(answered.isin(values).sum()), len(answered)


def test_both_files_hold_the_same_answers() -> None:
    csv, sav = _csv(), _sav()
    assert list(csv.columns) == list(sav.columns)
    for column in csv.columns:
        assert csv[column].tolist() == sav[column].tolist(), column


def test_sav_has_value_and_variable_labels() -> None:
    _, meta = pyreadstat.read_sav(str(SAMPLE / "responses.sav"), metadataonly=True)
    assert meta.variable_value_labels["organisatietype"][2.0] == "Vitale infrastructuur"
    assert meta.variable_value_labels["kennis_voldoende"][1.0] == "Helemaal mee eens"
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["kennisbehoefte"] == "Aan welke soort kennis of expertise is er behoefte?"
    assert all(labels.values())


def test_participants_and_projects(table: pd.DataFrame) -> None:
    # "23 organisaties ... waarvan twee de vragenlijst meerdere keren hebben ingevuld";
    # "25 ingevulde vragenlijsten"; "in totaal 89 innovatieprojecten".
    assert len(table) == 89
    assert table["project_id"].is_unique
    assert table["vragenlijst_id"].nunique() == 25
    assert table["organisatie_id"].nunique() == 23
    per_org = table.groupby("organisatie_id")["vragenlijst_id"].nunique()
    assert sorted(per_org[per_org > 1].tolist()) == [2, 2]
    assert set(table["organisatietype"]) == {
        "Veiligheidsregio",
        "Vitale infrastructuur",
        "Politie",
        "IFV",
        "Overig",
    }
    # "Min. 1, max. 25 per organisatie (mediaan: 2)"
    projects = table.groupby("organisatie_id").size()
    assert (projects.min(), projects.max(), projects.median()) == (1, 25, 2)


def test_planned_projects(table: pd.DataFrame) -> None:
    # "19 innovatieprojecten waren gepland ... Min. 1, max. 8 per organisatie (mediaan: 1)",
    # only by safety regions and IFV.
    planned = table[table["geplande_projecten"] != ""].drop_duplicates("organisatie_id")
    values = planned["geplande_projecten"].astype(int)
    assert (values.sum(), values.min(), values.max(), values.median()) == (19, 1, 8, 1)
    assert set(planned["organisatietype"]) == {"Veiligheidsregio", "IFV"}


def test_questionnaire_answers_repeat_on_every_project_row(table: pd.DataFrame) -> None:
    level = ["kennis_voldoende", "verankering_eigen", "randvoorwaarden", "portefeuillehouder"]
    assert (table.groupby("vragenlijst_id")[level].nunique() == 1).all().all()
    # The open knowledge need is on the first project row only, so it is coded once.
    first = table["project_id"].str.endswith("-p01")
    assert (table.loc[~first, "kennisbehoefte"] == "").all()
    assert (table.loc[first, "kennisbehoefte"] != "").sum() == 22


def test_knowledge(table: pd.DataFrame) -> None:
    # "Bijna driekwart ... voldoende kennis"; "Eén op de vijf ... niet voldoende".
    q = _per_questionnaire(table)["kennis_voldoende"]
    assert _share(q, AGREE) == (18, 25)
    assert _share(q, DISAGREE) == (5, 25)


def test_anchoring(table: pd.DataFrame) -> None:
    # "eigen organisatie (96%) dan in de werkwijze van ketenpartners (58%)"; "Een kwart ...
    # geen algemene randvoorwaarden".
    q = _per_questionnaire(table)
    n, total = _share(q["verankering_eigen"], AGREE)
    assert round(100 * n / total) == 96
    n, total = _share(q["verankering_keten"], AGREE)
    assert round(100 * n / total) == 58
    assert _share(q["randvoorwaarden"], ("Nee",)) == (6, 24)


def test_portfolio_holders(table: pd.DataFrame) -> None:
    # "Binnen de helft ... een derde onder vitale infrastructuur ... Slechts één
    # veiligheidsregio".
    q = _per_questionnaire(table)
    assert _share(q["portefeuillehouder"], ("Ja",)) == (12, 24)
    holders = q[q["portefeuillehouder"] == "Ja"]["organisatietype"].value_counts()
    assert holders["Vitale infrastructuur"] == 4
    assert holders["Veiligheidsregio"] == 1
    assert table[table["portefeuillehouder"] == "Ja"]["organisatie_id"].nunique() == 11


def test_phases_kinds_goals_partners(table: pd.DataFrame) -> None:
    def total(prefix: str) -> dict[str, int]:
        columns = [c for c in table.columns if c.startswith(prefix) and c != "partners_overig"]
        return {c[len(prefix) :]: int(table[c].astype(int).sum()) for c in columns}

    phases = total("fase_")
    assert sorted(phases, key=phases.get)[-2:] == ["repressie", "preparatie"]
    assert min(phases, key=phases.get) == "nazorg"
    kinds = total("soort_")
    assert min(kinds, key=kinds.get) == "sociaal"
    goals = total("doel_")
    assert sorted(goals, key=goals.get)[-3:] == [
        "technologie",
        "informatie_uitwisseling",
        "informatiepositie",
    ]
    partners = total("partner_")
    assert sorted(partners, key=partners.get)[-3:] == [
        "bedrijfsleven",
        "leveranciers",
        "ketenpartners",
    ]
    assert partners["kennisinstellingen"] < partners["bedrijfsleven"] / 2
    # "Alle organisatietypen richten zich ... op meerdere fasen".
    phase_columns = [f"fase_{p}" for p in phases]
    by_type = table[phase_columns].astype(int).groupby(table["organisatietype"]).sum()
    assert ((by_type > 0).sum(axis=1) >= 2).all()
    # "slechts voor 31% met ketenpartners ... slechts voor 6% met (groepen) burgers".
    keten = table[table["doel_samenwerking_keten"] == "1"]["partner_ketenpartners"]
    assert round(100 * (keten == "1").mean()) == 31
    burgers = table[table["doel_samenleving"] == "1"]["partner_burgers"]
    assert round(100 * (burgers == "1").mean()) == 6


def test_level_and_commissioner(table: pd.DataFrame) -> None:
    assert (table["niveau"] == "Lokaal").sum() == 0
    assert (table["opdrachtgever"] == "Directie").mean() > 0.5
    crosstab = pd.crosstab(table["opdrachtgever"], table["niveau"])
    assert crosstab.loc["Directie"].idxmax() == "Interregionaal"
    assert crosstab.loc["Bestuur"].idxmax() == "Landelijk"
    assert (table["opdrachtgever_overig"] != "").sum() == 13
    assert ((table["opdrachtgever"] == "Overig") == (table["opdrachtgever_overig"] != "")).all()


def test_funding(table: pd.DataFrame) -> None:
    # "bij twee derde ... voldoende, bij twee op de tien niet"; subsidy "bijna driekwart";
    # investor 100%.
    assert table["financiering"].value_counts().idxmax() == "Eigen organisatie"
    own = table[table["financiering"] == "Eigen organisatie"]["budget_voldoende"]
    assert round((own == "Ja").mean(), 2) == 0.67
    assert round((own == "Nee").mean(), 2) == 0.20
    subsidy = table[table["financiering"] == "Externe subsidie"]["budget_voldoende"]
    assert 0.70 <= (subsidy == "Ja").mean() < 0.75
    investor = table[table["financiering"] == "Externe investeerder"]["budget_voldoende"]
    assert (investor == "Ja").all() and len(investor) > 0


def test_success_factors_and_barriers(table: pd.DataFrame) -> None:
    sf = {c[3:]: table[c].astype(int).sum() for c in table.columns if c.startswith("sf_")}
    bl = {c[3:]: table[c].astype(int).sum() for c in table.columns if c.startswith("bl_")}
    sf.pop("overig")
    bl.pop("overig")
    assert sorted(sf, key=sf.get)[-3:] == [
        "eindgebruiker",
        "kennis_expertise",
        "interne_capaciteit",
    ]
    assert sorted(bl, key=bl.get)[-2:] == ["kennis_expertise", "interne_capaciteit"]
    # "Juridische kennis is zelden een succesfactor ... in meer dan een kwart ... belemmering".
    assert sf["juridische_kennis"] / 89 < 0.05
    assert bl["juridische_kennis"] / 89 > 0.25
    # Every project answered both questions; "overig" is ticked exactly when text is given.
    sf_cols = [c for c in table.columns if c.startswith("sf_")]
    assert (table[sf_cols].astype(int).sum(axis=1) > 0).all()
    assert ((table["sf_overig"] == "1") == (table["succesfactor_overig"] != "")).all()
    assert ((table["bl_overig"] == "1") == (table["belemmering_overig"] != "")).all()


def test_results_and_evaluation(table: pd.DataFrame) -> None:
    assert _share(table["tastbaar_resultaat"], ("Ja",)) == (67, 89)
    assert _share(table["getest"], ("Ja",)) == (50, 67)
    assert _share(table["geimplementeerd"], ("Ja",)) == (31, 67)
    assert _share(table["geimplementeerd"], ("Nee, maar wel in een externe organisatie",)) == (
        7,
        67,
    )
    assert _share(table["verandering"], ("Ja",)) == (24, 31)
    assert _share(table["toepasbaar_elders"], ("Ja",)) == (61, 67)
    assert _share(table["evaluatie"], ("Ja",)) == (36, 89)
    shared = ("Ja", "Alleen met een deel van de betrokken partners")
    assert _share(table["evaluatie_gedeeld"], shared) == (24, 36)
    # Skip logic: follow-ups only where the survey asked them.
    assert ((table["getest"] != "") == (table["tastbaar_resultaat"] == "Ja")).all()
    assert ((table["evaluatie_gedeeld"] != "") == (table["evaluatie"] == "Ja")).all()


def test_real_open_answers_are_verbatim() -> None:
    if not SEED.is_file():
        pytest.skip("the seed report (../shared) is not available")
    report = " ".join(SEED.read_text(encoding="utf-8").split())
    from importlib import util

    spec = util.spec_from_file_location("build_sample", SAMPLE / "build_sample.py")
    assert spec and spec.loader
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    real = [
        *module.KENNISBEHOEFTE_REAL.values(),
        *module.SUCCESFACTOR_REAL.values(),
        *module.BELEMMERING_REAL.values(),
        *module.PARTNERS_OVERIG.values(),
        *module.OPDRACHTGEVER_OVERIG.values(),
        *module.FINANCIERING_OVERIG.values(),
    ]
    assert len(real) == 10 + 6 + 5 + 4 + 13 + 3
    for text in real:
        assert " ".join(text.split()) in report, text
    csv = _csv()
    for text in module.KENNISBEHOEFTE_REAL.values():
        assert text in set(csv["kennisbehoefte"])


def test_sample_rebuilds_identically(tmp_path: Path) -> None:
    from importlib import util

    spec = util.spec_from_file_location("build_sample", SAMPLE / "build_sample.py")
    assert spec and spec.loader
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table, value_labels, _ = module.build()
    out = tmp_path / "responses.csv"
    module.labelled(table, value_labels).to_csv(out, index=False, lineterminator="\n")
    assert out.read_bytes() == (SAMPLE / "responses.csv").read_bytes()
