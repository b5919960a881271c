"""The bundled dataset (data/): it loads, its quotes are the article's own words,
and the questions an analyst asks of it are answered as the article answers them.

The article is The Insider's April 2024 analysis by Artemy M. Kalinovsky,
"Unbanning the Taliban: ...", kept outside the repository in ../shared/sources.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import actorgraph
from actorgraph.cli import app
from actorgraph.provenance import audit

ROOT = Path(__file__).parents[1]
DATA = ROOT / "data"
# The article's text, named by data/sources.yaml (file:), is not in the
# repository: it is found through $ACTORGRAPH_SOURCES_DIR or beside the checkout.
ARTICLE = "000_94febc7619542c77.txt"
SHARED_SOURCES = (ROOT / ".." / "shared" / "sources").resolve()


def article_folder() -> Path | None:
    """The folder holding the article: one of $ACTORGRAPH_SOURCES_DIR, else ../shared/sources."""
    listed = [Path(p) for p in os.environ.get("ACTORGRAPH_SOURCES_DIR", "").split(os.pathsep) if p]
    return next((f for f in (*listed, SHARED_SOURCES) if (f / ARTICLE).is_file()), None)


@pytest.fixture(scope="module")
def kg() -> actorgraph.ActorGraph:
    return actorgraph.load(DATA, use_cache=False)


def asserted(records: list) -> list:
    return [r for r in records if r.modality == "asserted"]


def sources_of(records: list) -> set[str]:
    return {r.source for r in records}


def types_of(records: list) -> set[str]:
    return {r.type for r in records}


# --- the dataset as data -----------------------------------------------------


def test_dataset_loads_with_the_articles_breadth(kg):
    assert kg.graph.number_of_nodes() >= 35
    assert kg.graph.number_of_edges() >= 80
    evidence_sources = {e["source"] for _, _, a in kg.graph.edges(data=True) for e in a["evidence"]}
    assert evidence_sources <= set(kg.sources)


def test_every_quote_is_verbatim_in_its_source(monkeypatch):
    folder = article_folder()
    if folder is None:
        pytest.skip(
            f"the article {ARTICLE} is in no folder of $ACTORGRAPH_SOURCES_DIR nor in {SHARED_SOURCES}"
        )
    monkeypatch.setenv("ACTORGRAPH_SOURCES_DIR", str(folder))
    # The product's own check: strict, so an unread text (a warning) fails too.
    kg = actorgraph.load(DATA, use_cache=False, strict=True)
    unchecked = audit(DATA).of_kind(
        "quote-not-found", "quote-unverifiable", "text-missing", "text-changed"
    )
    assert not unchecked, "\n".join(map(str, unchecked))
    assert sum(len(a["evidence"]) for *_, a in kg.graph.edges(data=True)) >= 126


def test_without_the_article_validate_warns_and_passes(monkeypatch, tmp_path, runner):
    monkeypatch.setenv("ACTORGRAPH_SOURCES_DIR", str(tmp_path))
    result = runner.invoke(app, ["validate", "--data", str(DATA), "--no-cache"])
    assert result.exit_code == 0
    assert f"warning: source 'insider-2024': text '{ARTICLE}' not found" in result.output
    strict = runner.invoke(app, ["validate", "--data", str(DATA), "--no-cache", "--strict"])
    assert strict.exit_code == 1


def test_the_analyst_is_the_author_not_an_actor(kg):
    assert kg.sources["insider-2024"].author == "Artemy M. Kalinovsky"
    with pytest.raises(actorgraph.UnknownActorError):
        kg.resolve("Kalinovsky")


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("ISIS-K", "isis-k"),
        ("ISIS Khorasan", "isis-k"),
        ("ISKP", "isis-k"),
        ("Islamic State Khorasan Province", "isis-k"),
        ("Islamic State", "isis"),
        ("Moscow", "russia"),
        ("the Kremlin", "russia"),
        ("USSR", "ussr"),
        ("Mujahadeen", "mujahideen"),
        ("UTO", "uto"),
        ("Washington", "united-states"),
        ("Asad", "asad"),
    ],
)
def test_actors_are_found_by_the_articles_names(kg, name, actor):
    assert kg.resolve(name) == actor


# --- the analyst's questions -------------------------------------------------


def test_who_opposes_isis_k(kg):
    opponents = asserted(kg.who("opposes", "ISIS-K", as_of="2024-04"))
    assert sources_of(opponents) == {"russia", "taliban"}
    hostile = asserted(kg.who("hostile", "ISIS-K", as_of="2024-04"))
    assert sources_of(hostile) == {"russia", "taliban"}


def test_russia_stance_toward_the_taliban_2005_versus_2022(kg):
    in_2005 = asserted(kg.who(source="Russia", target="Taliban", as_of="2005"))
    assert types_of(in_2005) == {"opposes", "designates_terrorist"}

    in_2022 = asserted(kg.who(source="Russia", target="Taliban", as_of="2022"))
    assert {"supports", "negotiates_with", "trades_with"} <= types_of(in_2022)
    assert "opposes" not in types_of(in_2022)
    # Engaging with the Taliban, yet still listing them as terrorists.
    assert "designates_terrorist" in types_of(in_2022)


def test_the_shift_is_two_periods_not_one_relation(kg):
    stance = [r for r in kg.timeline("russia", "taliban") if r.type in {"opposes", "supports"}]
    opposes = next(r for r in stance if r.type == "opposes")
    supports = next(r for r in stance if r.type == "supports" and r.modality == "asserted")
    assert (opposes.until, supports.since) == ("2017", "2017")
    backing = kg.who("supports", "us-led-coalition", source="russia")
    assert [(r.since, r.until) for r in backing] == [("2001", "2017")]


def test_who_attacked_crocus_city_hall_and_when(kg):
    attacks = kg.who("attacks", "Crocus City Hall")
    assert sources_of(attacks) == {"isis-k", "crocus-attackers"}
    assert {r.date for r in attacks} == {"2024-03-22"}
    assert "ukraine" not in sources_of(kg.who("attacks"))


def test_the_attackers_identity_is_hedged_as_the_article_hedges_it(kg):
    citizenship = kg.who("citizen_of", "tajikistan", source="crocus-attackers", include_hedged=True)
    recruitment = kg.who("recruits", "crocus-attackers", include_hedged=True)
    # An allegation is not an established fact: by default the answer leaves it out.
    assert not kg.who("citizen_of", "tajikistan", source="crocus-attackers")
    assert [r.modality for r in citizenship] == ["alleged"]
    assert [(r.source, r.modality) for r in recruitment] == [("isis", "alleged")]


@pytest.mark.parametrize(
    ("year", "government"),
    [
        ("1990", "afghan-socialist-regime"),
        ("1994", "mujahideen"),
        ("1998", "taliban"),
        ("2010", "afghan-republic"),
        ("2023", "taliban"),
    ],
)
def test_who_governed_afghanistan(kg, year, government):
    assert sources_of(kg.who("leads", "Afghanistan", as_of=year)) == {government}


def test_russia_has_not_recognized_or_delisted_the_taliban(kg):
    recognition = kg.who("recognizes", "taliban", source="russia", include_hedged=True)
    assert recognition and not kg.who("recognizes", "taliban", source="russia")
    assert all(r.modality == "considered" for r in recognition)
    delisting = kg.who("delists", "taliban", include_hedged=True)
    assert {(r.source, r.modality) for r in delisting} == {
        ("russia", "considered"),
        ("kazakhstan", "asserted"),
    }
    assert asserted(kg.who("designates_terrorist", "taliban", source="russia", as_of="2024-04"))


def test_what_the_article_says_did_not_happen_is_not_asserted(kg):
    taliban_hostility = asserted(kg.who("hostile", source="taliban"))
    assert not {"russia", "central-asian-states"} & {r.target for r in taliban_hostility}
    assert not kg.who("recruits", source="taliban")
    assert not kg.who("arms", "ukraine")
    weapons_to_ukraine = kg.who("arms", "ukraine", include_hedged=True)
    assert [r.modality for r in weapons_to_ukraine] == ["alleged"]


def test_massoud_sheltered_the_uto_and_was_only_promised_russian_arms(kg):
    shelter = kg.who("shelters", "UTO", as_of="1995")
    assert sources_of(shelter) == {"massoud"}
    assert not kg.who("arms", "Massoud", source="Russia")
    arms = kg.who("arms", "Massoud", source="Russia", include_hedged=True)
    assert [r.modality for r in arms] == ["promised"]
    assert kg.graph.nodes["massoud"]["until"] == "2001-09-09"
    assert "massoud" not in kg.as_of("2002").graph


def test_tajik_foreign_minister_spoke_out_on_12_april_2024(kg):
    protests = kg.who("criticizes", source="Muhriddin")
    assert {r.target for r in protests} == {"russia", "russian-security-services"}
    assert {r.date for r in protests} == {"2024-04-12"}


def test_russia_turned_on_migrants_after_the_attack(kg):
    expelled = {r.target for r in kg.who("expels", as_of="2024-04")}
    assert {"tajiks-in-russia", "central-asian-migrants"} <= expelled
    assert "ukraine" in {r.target for r in kg.who("criticizes", source="Kremlin", as_of="2024-04")}


def test_moiseev_praised_the_soviet_troops_at_the_2019_gala(kg):
    praise = kg.who("praises", source="Moiseev")
    # The Soviet army had ended with the USSR: the praise goes to its veterans.
    assert [(r.target, r.date) for r in praise] == [("soviet-afghan-veterans", "2019-02")]


def test_russia_propped_up_asad_and_fought_isis(kg):
    assert kg.who("supports", "Asad", source="Russia")
    assert kg.who("fights", "ISIS", source="Russia")
