"""import csv: rows become entries, existing ones are updated (not duplicated), bad rows located."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_edit import ODD, diff, snapshot

import actorgraph
from actorgraph import edit
from actorgraph.cli import app


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ODD, tmp_path / "odd"))


def write(tmp_path: Path, text: str, name: str = "notes.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


RELATIONS = (
    "source,type,target,since,until,evidence,quote,confidence\n"
    # an existing relation (by source, type, target and period): its evidence joins, confidence changes
    "Moscow,supports,Taliban,2021-08,,article,Moscow backs the Taliban,high\n"
    # new relations, actors named by name and alias
    "Lion of Panjshir,opposes,Taliban,1996,2001,article,he fought them,\n"
    'IS-KP,attacks,Russia,2024,,article,"a quote, with a comma",medium\n'
)


def test_rows_add_new_relations_and_update_existing_ones(odd, tmp_path):
    result = edit.import_table(odd, write(tmp_path, RELATIONS), entries="relations")
    assert [str(c) for c in result] == [
        "updated relation russia-supports-taliban-2021-08: confidence, evidence",
        "added relation massoud-opposes-taliban-1996",
        "added relation isis-k-attacks-russia-2024",
    ]
    kg = actorgraph.load(odd, use_cache=False)
    supports = kg.graph.get_edge_data("russia", "taliban")["russia-supports-taliban-2021-08"]
    assert supports["confidence"] == "high"
    assert [e["quote"] for e in supports["evidence"]] == [None, "Moscow backs the Taliban"]
    assert (
        kg.graph.get_edge_data("isis-k", "russia")["isis-k-attacks-russia-2024"]["evidence"][0][
            "quote"
        ]
        == "a quote, with a comma"
    )
    removed, added = diff(odd, "relations.yaml")
    assert removed == [
        "  confidence: medium\n",
        "  evidence: [{source: article, note: general knowledge}]\n",
    ]
    assert added[:2] == [
        "  confidence: high\n",
        "  evidence: [{source: article, note: general knowledge}, {source: article, quote: Moscow backs the Taliban}]\n",
    ]


def test_importing_the_same_table_twice_adds_nothing(odd, tmp_path):
    table = write(tmp_path, RELATIONS)
    edit.import_table(odd, table, entries="relations")
    once = snapshot(odd)
    assert list(edit.import_table(odd, table, entries="relations")) == []
    assert snapshot(odd) == once
    assert actorgraph.load(odd, use_cache=False).graph.number_of_edges() == 7


def test_dry_run_lists_the_changes_and_writes_nothing(runner, odd, tmp_path):
    before = snapshot(odd)
    result = runner.invoke(
        app,
        [
            "import",
            "csv",
            str(write(tmp_path, RELATIONS)),
            "--as",
            "relations",
            "--dry-run",
            "--data",
            str(odd),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["written"] is False and len(report["changes"]) == 3
    assert snapshot(odd) == before


def test_columns_are_mapped_and_skipped_and_cells_may_hold_lists(odd, tmp_path):
    table = write(
        tmp_path,
        "Name\tType\tAlso known as\tRemarks\nWagner Group\tarmed_group\tPMC Wagner; Wagner \tignore me\nRussia\tstate\tRF\t\n",
    )
    result = edit.import_table(
        odd,
        table,
        entries="actors",
        columns={"Type": "kind", "Also known as": "aliases", "Remarks": "skip"},
    )
    assert [str(c) for c in result] == ["updated actor russia: aliases", "added actor wagner-group"]
    kg = actorgraph.load(odd, use_cache=False)
    assert kg.actors["wagner-group"].aliases == ["PMC Wagner", "Wagner"]
    assert kg.resolve("RF") == "russia"
    removed, added = diff(odd, "actors.yaml")
    assert removed == ['  aliases: [ "Russian Federation",  Moscow ]   # spacing kept as written\n']
    assert added[0] == '  aliases: ["Russian Federation", Moscow, RF]  # spacing kept as written\n'


def test_actor_rows_without_an_id_are_found_by_name_or_alias(odd, tmp_path):
    table = write(tmp_path, "name,tags\nRussian Federation,great-power\n")
    result = edit.import_table(odd, table, entries="actors")
    assert [str(c) for c in result] == ["updated actor russia: tags"]
    kg = actorgraph.load(odd, use_cache=False)
    assert kg.actors["russia"].name == "Russia"
    assert kg.actors["russia"].tags == ["europe", "asia", "great-power"]


def test_sources_are_imported_from_an_xlsx_workbook(odd, tmp_path):
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "title", "date", "url"])
    sheet.append(["report-2023", "A report", dt.datetime(2023, 5, 1), "https://example.org/r"])
    sheet.append(["article", "An article (retitled)", None, None])
    book.save(tmp_path / "sources.xlsx")
    result = edit.import_table(odd, tmp_path / "sources.xlsx", entries="sources")
    assert [str(c) for c in result] == ["updated source article: title", "added source report-2023"]
    sources = actorgraph.load(odd, use_cache=False).sources
    assert sources["report-2023"].date == "2023-05-01"
    assert sources["article"].title == "An article (retitled)"


def test_bad_rows_are_located_and_nothing_is_written(runner, odd, tmp_path):
    table = write(
        tmp_path,
        "source,type,target,since,evidence,quote\n"
        "russia,supports,talibn,2020,article,q\n"
        "russia,suports,taliban,2020,article,q\n"
        "russia,supports,taliban,2020-13,article,q\n"
        "russia,supports,taliban,2020,artcle,q\n"
        "russia,supports,isis-k,2020,,\n",
    )
    before = snapshot(odd)
    result = runner.invoke(
        app, ["import", "csv", str(table), "--as", "relations", "--data", str(odd)]
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines == [
        f"{table}:2:3: target: no actor named 'talibn' (did you mean 'Taliban'?)",
        f"{table}:3:2: type: unknown relation type 'suports' (did you mean 'supports'?)",
        f"{table}:4:4: since: Value error, '2020-13' is not a date: month 13 does not exist",
        f"{table}:5:5: evidence: unknown source 'artcle' (did you mean 'article'?)",
        f"{table}:6: a new relation needs evidence: add an 'evidence' column",
        "5 problems found.",
    ]
    assert snapshot(odd) == before


def test_unknown_columns_are_named_with_a_way_out(runner, odd, tmp_path):
    table = write(tmp_path, "source,kind of tie,target\nrussia,supports,taliban\n")
    result = runner.invoke(
        app, ["import", "csv", str(table), "--as", "relations", "--data", str(odd)]
    )
    assert result.exit_code == 1
    assert result.output.startswith(
        f"{table}:1:2: kind of tie: unknown column; map it with --map 'kind of tie=FIELD'"
    )
    result = runner.invoke(
        app,
        [
            "import",
            "csv",
            str(table),
            "--as",
            "relations",
            "--map",
            "kind of tie=type",
            "--dry-run",
            "--data",
            str(odd),
        ],
    )
    assert result.exit_code == 1 and "a new relation needs evidence" in result.output


def test_a_row_can_update_a_relation_without_evidence(odd, tmp_path):
    table = write(tmp_path, "id,modality\ntaliban-vs-isis-k,reported\n")
    result = edit.import_table(odd, table, entries="relations", columns={"id": "id"})
    assert [str(c) for c in result] == ["updated relation taliban-vs-isis-k: modality"]
    removed, added = diff(odd, "relations.yaml")
    assert (removed, added) == ([], ["  modality: reported\n"])
