"""Authoring: add, end, rename, merge on files full of comments and odd-but-valid layout.

Every change must show in a diff as only the lines it touched; a change that
fails must leave every file byte-identical; old ids must keep resolving.
"""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, TESTS

import actorgraph
from actorgraph import edit
from actorgraph.cli import app

ODD = TESTS / "data" / "edit" / "odd"
FILES = ("actors.yaml", "relations.yaml", "sources.yaml")


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ODD, tmp_path / "odd"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()}


def diff(root: Path, name: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added) between the fixture's file and the changed one."""
    before = (ODD / name).read_text(encoding="utf-8").splitlines(keepends=True)
    after = (root / name).read_text(encoding="utf-8").splitlines(keepends=True)
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes():
        if tag != "equal":
            removed += before[i1:i2]
            added += after[j1:j2]
    return removed, added


def unchanged(root: Path, *names: str) -> None:
    for name in names:
        assert (root / name).read_bytes() == (ODD / name).read_bytes(), name


def load(root: Path) -> actorgraph.ActorGraph:
    return actorgraph.load(root, use_cache=False)


# add


def test_add_relation_appends_one_entry_and_touches_nothing_else(odd):
    result = edit.add_relation(
        odd,
        "Lion of Panjshir",
        "opposes",
        "taliban",
        evidence="article",
        quote="he fought them",
        since="1996",
    )
    (change,) = result.changes
    assert (change.action, change.kind, change.id) == (
        "added",
        "relation",
        "massoud-opposes-taliban-1996",
    )
    assert result.written
    removed, added = diff(odd, "relations.yaml")
    assert removed == []
    assert "".join(added) == (
        '\n- source: massoud\n  target: taliban\n  type: opposes\n  since: "1996"\n'
        "  evidence:\n    - source: article\n      quote: he fought them\n"
    )
    unchanged(odd, "actors.yaml", "sources.yaml")
    kg = load(odd)
    assert "massoud-opposes-taliban-1996" in {k for *_, k in kg.graph.edges(keys=True)}


def test_adding_a_relation_never_changes_the_id_of_one_already_there(odd, runner):
    ids = [
        edit.add_relation(
            odd,
            "Massoud",
            "opposes",
            "taliban",
            evidence="article",
            evidence_note=m,
            modality=m,
            since="1996",
        )
        .changes[0]
        .id
        for m in ("alleged", "denied", "asserted")
    ]
    # The first keeps the readable id; the others, sharing it, add a hash of their content.
    assert ids[0] == "massoud-opposes-taliban-1996"
    assert all(i.startswith("massoud-opposes-taliban-1996-") for i in ids[1:])
    assert len(set(ids)) == 3
    kg = load(odd)
    by_id = {k: attrs["modality"] for *_, k, attrs in kg.graph.edges(keys=True, data=True)}
    assert [by_id[i] for i in ids] == ["alleged", "denied", "asserted"]
    result = runner.invoke(app, ["end", ids[0], "--until", "2001", "--data", str(odd)])
    assert result.exit_code == 0, result.output
    assert [k for k in (k for *_, k in load(odd).graph.edges(keys=True)) if k in ids] == ids


def test_adding_an_identical_relation_adds_its_evidence_instead(odd):
    result = edit.add_relation(
        odd,
        "Russia",
        "supports",
        "Massoud",
        evidence="article",
        evidence_note="second source",
        since="1996",
        until="2001-09-09",
    )
    assert [(c.action, c.id) for c in result] == [
        ("added evidence to", "russia-supports-massoud-1996")
    ]
    removed, added = diff(odd, "relations.yaml")
    assert removed == []
    assert added == ["  - source: article\n", "    note: second source\n"]
    kg = load(odd)
    (attrs,) = kg.graph.get_edge_data("russia", "massoud").values()
    assert [e["note"] for e in attrs["evidence"]] == [None, "second source"]


def test_identical_means_same_dates_and_modality(odd):
    edit.add_relation(
        odd, "russia", "supports", "taliban", evidence="article", quote="q", since="2022"
    )
    edit.add_relation(
        odd,
        "russia",
        "supports",
        "taliban",
        evidence="article",
        quote="q",
        since="2021-08",
        modality="promised",
    )
    assert len(load(odd).graph.get_edge_data("russia", "taliban")) == 4


def test_symmetric_relations_are_identical_whichever_way_they_are_written(odd):
    result = edit.add_relation(
        odd, "ISIS-K", "fights", "Taliban", evidence="article", quote="q", since="2015"
    )
    assert [(c.action, c.id) for c in result] == [("added evidence to", "taliban-vs-isis-k")]
    _, added = diff(odd, "relations.yaml")
    assert added == ["    - source: article\n", "      quote: q\n"]


def test_add_actor_and_source_append_in_the_files_layout(odd):
    edit.add_actor(
        odd,
        "wagner",
        name="Wagner Group",
        kind="armed_group",
        aliases=["NO", "PMC Wagner"],
        since="2014",
    )
    edit.add_source(odd, "notes", title="Field notes: 2024", date="2024-05-01")
    removed, added = diff(odd, "actors.yaml")
    assert removed == []
    # "NO" stays a text for YAML 1.1 readers too; dates are quoted strings.
    assert "".join(added) == (
        '- id: wagner\n  name: Wagner Group\n  kind: armed_group\n  aliases: ["NO", PMC Wagner]\n'
        '  since: "2014"\n'
    )
    removed, added = diff(odd, "sources.yaml")
    assert removed == []
    assert "".join(added) == "\n- id: notes\n  title: 'Field notes: 2024'\n  date: \"2024-05-01\"\n"
    kg = load(odd)
    assert kg.resolve("no") == "wagner" and kg.sources["notes"].date == "2024-05-01"


def test_a_new_data_directory_gets_entries_in_place_of_the_empty_list(tmp_path):
    edit.init_data(tmp_path / "new")
    edit.add_source(tmp_path / "new", "notes", title="Notes")
    text = (tmp_path / "new" / "sources.yaml").read_text()
    assert "[]" not in text.replace("'[]'", "")
    assert text.endswith(
        "#   url: https://example.org/     # optional\n\n- id: notes\n  title: Notes\n"
    )


# end


def test_end_sets_until_where_the_model_puts_it(odd):
    result = edit.end_relation(odd, "taliban-vs-isis-k", until="2024-01")
    assert [str(c) for c in result] == ["ended relation taliban-vs-isis-k: until 2024-01"]
    removed, added = diff(odd, "relations.yaml")
    assert (removed, added) == ([], ['  until: "2024-01"\n'])
    lines = (odd / "relations.yaml").read_text().splitlines()
    assert lines[lines.index('  until: "2024-01"') - 1] == '  since: "2015"'


def test_end_replaces_an_existing_until_inside_an_odd_entry(odd):
    edit.end_relation(odd, "russia-supports-massoud-1996", until="2001")
    removed, added = diff(odd, "relations.yaml")
    assert (removed, added) == (["  until: 2001-09-09\n"], ['  until: "2001"\n'])


def test_end_a_one_day_event_or_an_unknown_id_is_refused(tmp_path):
    data = Path(shutil.copytree(MINI, tmp_path / "mini"))
    with pytest.raises(edit.EditError, match="one-day event"):
        edit.end_relation(data, "isis-k-attacks-russia-2024-03-22", until="2025")
    with pytest.raises(edit.EditError, match="did you mean 'russia-supports-massoud-1996'"):
        edit.end_relation(data, "russia-supports-masoud-1996", until="2025")


def test_end_takes_source_type_and_target_when_one_running_relation_fits(odd, runner):
    # 'fights' is symmetric: named from either end; names and aliases resolve.
    result = runner.invoke(
        app, ["end", "ISIS-K", "fights", "Taliban", "--until", "2024-01", "--data", str(odd)]
    )
    assert result.exit_code == 0, result.output
    assert result.output == "ended relation taliban-vs-isis-k: until 2024-01\n"
    removed, added = diff(odd, "relations.yaml")
    assert (removed, added) == ([], ['  until: "2024-01"\n'])


def test_end_by_names_refuses_what_fits_no_running_relation_and_lists_it(odd):
    before = snapshot(odd)
    # Russia supports Massoud ended in 2001: the message gives its id and period.
    with pytest.raises(
        edit.EditError,
        match=r"none is still running: give the id "
        r"\(russia-supports-massoud-1996: 1996–2001-09-09\)",
    ):
        edit.end_relation(odd, ("Russia", "supports", "Massoud"), until="2002")
    with pytest.raises(edit.EditError, match="no relation 'Taliban supports Russia'"):
        edit.end_relation(odd, ("Taliban", "supports", "Russia"), until="2002")
    with pytest.raises(edit.EditError, match="unknown relation type 'suports'"):
        edit.end_relation(odd, ("Russia", "suports", "Taliban"), until="2002")
    assert snapshot(odd) == before


# rename and merge


def test_rename_changes_the_id_everywhere_and_keeps_the_old_one_resolvable(odd):
    result = edit.rename_actor(odd, "Tajikistan", "tjk")
    assert [str(c) for c in result] == [
        "renamed actor tjk: was tajikistan",
        "updated relation tjk-opposes-taliban-2021: was tajikistan-opposes-taliban-2021",
    ]
    removed, added = diff(odd, "actors.yaml")
    assert (removed, added) == (
        ["- id: tajikistan\n"],
        ["- id: tjk\n", "  former_ids: [tajikistan]\n"],
    )
    removed, added = diff(odd, "relations.yaml")
    assert (removed, added) == (["- source: tajikistan\n"], ["- source: tjk\n"])
    kg = load(odd)
    assert kg.resolve("tajikistan") == kg.resolve("Tajikistan") == "tjk"
    assert [r.target for r in kg.who("opposes", source="tajikistan")] == ["taliban"]


def test_renaming_twice_keeps_both_former_ids_and_back_again_drops_one(odd):
    edit.rename_actor(odd, "tajikistan", "tjk")
    edit.rename_actor(odd, "tjk", "tj")
    assert load(odd).actors["tj"].former_ids == ["tajikistan", "tjk"]
    edit.rename_actor(odd, "tj", "tajikistan")
    assert load(odd).actors["tajikistan"].former_ids == ["tjk", "tj"]


def test_rename_refuses_an_id_that_names_another_actor(odd):
    before = snapshot(odd)
    with pytest.raises(edit.EditError, match="already names actor 'taliban'"):
        edit.rename_actor(odd, "russia", "taliban")
    with pytest.raises(edit.EditError, match="not an actor id"):
        edit.rename_actor(odd, "russia", "Russia!")
    assert snapshot(odd) == before


def test_merge_moves_relations_names_and_id_and_merges_identical_relations(tmp_path):
    data = Path(shutil.copytree(MINI, tmp_path / "mini"))
    # a duplicate of the Taliban with a relation identical to one of theirs once merged
    (data / "actors.yaml").write_text(
        (data / "actors.yaml").read_text()
        + "- id: taliban-movement\n  name: Taliban movement\n  kind: armed_group\n  aliases: [Talibs]\n"
    )
    (data / "relations.yaml").write_text(
        (data / "relations.yaml").read_text()
        + "- source: taliban-movement\n  target: isis-k\n  type: fights\n  since: 2015\n"
        "  evidence:\n    - {source: article, quote: the movement fights ISIS-K}\n"
        "- source: russia\n  target: taliban-movement\n  type: negotiates_with\n  since: 2018\n"
        "  evidence:\n    - {source: article, quote: talks in Moscow}\n"
    )
    result = edit.merge_actors(data, "Taliban movement", "taliban")
    assert [str(c) for c in result] == [
        "merged actor taliban: taliban-movement merged in; aliases +2, former ids +1",
        "removed actor taliban-movement: merged into taliban",
        "updated relation russia-negotiates-with-taliban-2018: was russia-negotiates-with-taliban-movement-2018",
        "merged relation taliban-fights-isis-k-2015: evidence of taliban-movement-fights-isis-k-2015 combined",
    ]
    kg = load(data)
    assert "taliban-movement" not in kg.graph
    assert (
        kg.resolve("taliban-movement")
        == kg.resolve("Talibs")
        == kg.resolve("Taliban movement")
        == "taliban"
    )
    (fights,) = kg.graph.get_edge_data("taliban", "isis-k").values()
    assert [e["quote"] for e in fights["evidence"]] == [
        "the Taliban fight ISIS-K",
        "the movement fights ISIS-K",
    ]
    assert kg.actors["taliban"].former_ids == ["taliban-movement"]


def test_merge_refuses_self_relations_and_lists_them_then_drops_them_when_asked(odd):
    before = snapshot(odd)
    with pytest.raises(edit.EditError, match=r"relations.yaml:23: russia-supports-massoud-1996"):
        edit.merge_actors(odd, "massoud", "russia")
    assert snapshot(odd) == before
    result = edit.merge_actors(odd, "massoud", "russia", drop_self_relations=True)
    assert "removed relation russia-supports-massoud-1996: related an actor to itself" in map(
        str, result
    )
    removed, added = diff(odd, "actors.yaml")
    # the duplicate's entry goes with the comment line directly above it
    text = (ODD / "actors.yaml").read_text()
    entry = text[text.index("# A person") : text.index("- id: taliban")]
    assert sorted(removed) == sorted(
        [text.splitlines(keepends=True)[9], *entry.splitlines(keepends=True)]
    )
    assert added == [
        '  aliases: ["Russian Federation", Moscow, Ahmad Shah Massoud, Massoud, Lion of Panjshir] # spacing kept as written\n',
        "  former_ids: [massoud]\n",
    ]
    assert load(odd).resolve("massoud") == "russia"


def test_former_ids_reach_the_page_data(odd):
    from actorgraph.export.html import page_data

    edit.rename_actor(odd, "tajikistan", "tjk")
    (actor,) = [a for a in page_data(load(odd))["actors"] if a["id"] == "tjk"]
    assert actor["formerIds"] == ["tajikistan"]


def test_the_loader_refuses_a_former_id_that_names_another_actor(tmp_path):
    data = Path(shutil.copytree(MINI, tmp_path / "mini"))
    text = (
        (data / "actors.yaml")
        .read_text()
        .replace("  name: Tajikistan\n", "  name: Tajikistan\n  former_ids: [russia]\n", 1)
    )
    (data / "actors.yaml").write_text(text)
    with pytest.raises(
        actorgraph.DataError, match="former id 'russia' of 'tajikistan' also names 'russia'"
    ):
        load(data)


# failures leave every byte in place


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda d: edit.add_relation(
                d, "russia", "suports", "taliban", evidence="article", quote="q"
            ),
            "did you mean 'supports'",
        ),
        (
            lambda d: edit.add_relation(
                d, "rusia", "supports", "taliban", evidence="article", quote="q"
            ),
            "no actor named 'rusia'",
        ),
        (
            lambda d: edit.add_relation(
                d, "russia", "supports", "taliban", evidence="artcle", quote="q"
            ),
            "unknown source 'artcle'",
        ),
        (
            lambda d: edit.add_relation(
                d, "russia", "supports", "taliban", evidence="article", quote="q", since="2021-13"
            ),
            "since",
        ),
        (
            lambda d: edit.add_relation(
                d,
                "russia",
                "supports",
                "taliban",
                evidence="article",
                quote="q",
                since="2020",
                date="2021",
            ),
            "either 'date'",
        ),
        (
            lambda d: edit.add_relation(
                d, "russia", "supports", "russia", evidence="article", quote="q"
            ),
            "cannot relate to itself",
        ),
        (lambda d: edit.add_actor(d, "russia", name="Russia", kind="state"), "already exists"),
        (
            lambda d: edit.add_actor(d, "wagner", name="Wagner", kind="militia"),
            "unknown actor kind 'militia'",
        ),
        (lambda d: edit.add_actor(d, "Wagner Group", name="Wagner", kind="armed_group"), "id"),
        (lambda d: edit.end_relation(d, "taliban-vs-isis-k", until="2001"), "before since"),
        (lambda d: edit.merge_actors(d, "russia", "Russian Federation"), "same actor"),
    ],
)
def test_a_failing_change_leaves_every_file_byte_identical(odd, call, message):
    before = snapshot(odd)
    with pytest.raises(
        (edit.EditError, actorgraph.DataError, actorgraph.QueryError), match=message
    ):
        call(odd)
    assert snapshot(odd) == before


def test_problems_elsewhere_in_the_data_stop_the_change(odd):
    broken = (
        (odd / "sources.yaml").read_text().replace("id: article", "id: article\n  tittle: typo")
    )
    (odd / "sources.yaml").write_text(broken)
    before = snapshot(odd)
    with pytest.raises(actorgraph.DataError) as error:
        edit.add_actor(odd, "wagner", name="Wagner", kind="armed_group")
    assert "sources.yaml:3:3: unknown field 'tittle'" in str(error.value)
    assert snapshot(odd) == before


def test_a_failed_write_rolls_every_file_back(odd, monkeypatch):
    import os

    from actorgraph import atomic

    real_replace = os.replace
    calls = []

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    before = snapshot(odd)
    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space"):
        edit.rename_actor(odd, "tajikistan", "tjk")
    monkeypatch.undo()
    assert snapshot(odd) == before
    assert sorted(p.name for p in odd.iterdir()) == sorted(FILES)  # no temporary left


# the CLI: a thin layer, one line per change, --json, located problems, no traceback


def run(runner, *args: str):
    return runner.invoke(app, list(args))


def test_cli_prints_one_line_per_change_and_json(runner, odd):
    result = run(runner, "rename", "tajikistan", "tjk", "--data", str(odd))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "renamed actor tjk: was tajikistan",
        "updated relation tjk-opposes-taliban-2021: was tajikistan-opposes-taliban-2021",
    ]
    result = run(
        runner, "end", "tjk-opposes-taliban-2021", "--until", "2023", "--data", str(odd), "--json"
    )
    assert json.loads(result.output) == {
        "changes": [
            {
                "action": "ended",
                "kind": "relation",
                "id": "tjk-opposes-taliban-2021",
                "file": "relations.yaml",
                "detail": "until 2023",
            }
        ],
        "written": True,
    }
    # the old id still works on the command line
    result = run(runner, "show", "tajikistan", "--data", str(odd))
    assert result.exit_code == 0 and result.output.startswith("Tajikistan [tjk]")


def test_cli_add_relation_takes_names_and_a_note_as_evidence(runner, odd):
    result = run(
        runner,
        "add",
        "relation",
        "Moscow",
        "supports",
        "IS-KP",
        "--evidence",
        "article",
        "--note",
        "an analyst's inference",
        "--modality",
        "alleged",
        "--data",
        str(odd),
    )
    # What was written, as the queries would write it: names, sentence, hedged and undated.
    assert result.output == (
        "added relation russia-supports-isis-k: Russia supports ISIS-K [alleged, undated]\n"
    )
    (attrs,) = load(odd).graph.get_edge_data("russia", "isis-k").values()
    assert attrs["evidence"] == [
        {"source": "article", "quote": None, "note": "an analyst's inference", "credibility": None}
    ]
    assert attrs["note"] is None and attrs["modality"] == "alleged"


def test_cli_bad_input_is_a_clear_message_and_nothing_changes(runner, odd):
    before = snapshot(odd)
    result = run(
        runner,
        "add",
        "relation",
        "russia",
        "supports",
        "talibn",
        "--evidence",
        "article",
        "--quote",
        "q",
        "--data",
        str(odd),
    )
    assert result.exit_code == 1
    assert result.output == "error: no actor named 'talibn' (did you mean 'Taliban'?)\n"
    result = run(
        runner,
        "add",
        "relation",
        "russia",
        "supports",
        "taliban",
        "--evidence",
        "article",
        "--data",
        str(odd),
    )
    assert result.exit_code == 1 and "--quote" in result.output
    assert "Traceback" not in result.output
    assert snapshot(odd) == before


def test_cli_prints_loader_problems_as_validate_does(runner, odd):
    (odd / "relations.yaml").write_text(
        (odd / "relations.yaml").read_text().replace("type: opposes", "type: opose")
    )
    result = run(
        runner,
        "add",
        "actor",
        "wagner",
        "--name",
        "Wagner",
        "--kind",
        "armed_group",
        "--data",
        str(odd),
    )
    assert result.exit_code == 1
    assert (
        "relations.yaml:45:9: unknown relation type 'opose' (did you mean 'opposes'?)"
        in result.output
    )
    assert "1 problem found." in result.output


def test_the_read_path_never_imports_edit():
    code = (
        "import sys, actorgraph\n"
        "from actorgraph.export import write\n"
        "from actorgraph.analysis import balance\n"
        f"kg = actorgraph.load({str(MINI)!r}, use_cache=False)\n"
        "write(kg, 'json'); kg.who('supports'); balance(kg, '2022')\n"
        "print([m for m in sys.modules if m.startswith(('actorgraph.edit', 'ruamel'))])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_entries_are_added_before_a_document_end_marker(tmp_path):
    data = Path(shutil.copytree(MINI, tmp_path / "mini"))
    text = (data / "sources.yaml").read_text()
    (data / "sources.yaml").write_text("---\n" + text + "...\n# after the document\n")
    edit.add_source(data, "notes", title="Notes")
    assert (data / "sources.yaml").read_text() == (
        "---\n" + text + "\n- id: notes\n  title: Notes\n...\n# after the document\n"
    )
    assert set(load(data).sources) == {"article", "notes"}


def test_ending_a_relation_at_its_own_end_changes_nothing(odd):
    result = edit.end_relation(odd, "russia-supports-massoud-1996", until="2001-09-09")
    assert (list(result), result.written) == ([], False)
    unchanged(odd, *FILES)


# the same guarantees on data the edit path was not written against

OTHER_DATASETS = {
    "mini": MINI,
    "sudan": TESTS / "data" / "valid" / "sudan",
    "bundled": TESTS.parent / "data",
}


@pytest.mark.parametrize("name", sorted(OTHER_DATASETS))
def test_rename_end_and_add_on_other_datasets_touch_only_their_lines(tmp_path, name):
    source = OTHER_DATASETS[name]
    data = Path(shutil.copytree(source, tmp_path / name))
    kg = load(data)
    # the actor with the most relations, and one of its relations without a date
    actor = max(sorted(kg.graph), key=kg.graph.degree)
    renamed = f"{actor}-renamed"
    result = edit.rename_actor(data, actor, renamed)
    touched = {c.id for c in result if c.kind == "relation"}
    incident = {k for s, t, k in kg.graph.edges(keys=True) if actor in (s, t)}
    assert len(touched) == len(incident)
    after = load(data)
    assert after.resolve(actor) == renamed
    assert after.graph.number_of_edges() == kg.graph.number_of_edges()
    for file in ("actors.yaml", "relations.yaml"):
        removed, added = _diff_texts((source / file).read_text(), (data / file).read_text())
        assert removed and all(actor in line for line in removed)
        former = [f"  former_ids: [{actor}]\n"] if file == "actors.yaml" else []
        assert [line for line in added if renamed not in line] == former
        assert len(added) == len(removed) + len(former)
    ongoing = next(
        r for r in sorted(after.relations, key=lambda r: r.id) if not r.until and not r.date
    )
    text = (data / "relations.yaml").read_text()
    edit.end_relation(data, ongoing.id, until="2099")
    removed, added = _diff_texts(text, (data / "relations.yaml").read_text())
    assert (removed, added) == ([], ['  until: "2099"\n'])
    cited = sorted(after.sources)[0]
    text = (data / "relations.yaml").read_text()
    edit.add_relation(
        data,
        renamed,
        "criticizes",
        ongoing.target if ongoing.target != renamed else ongoing.source,
        evidence=cited,
        evidence_note="a new note",
    )
    removed, _ = _diff_texts(text, (data / "relations.yaml").read_text())
    assert removed == []
    assert load(data).graph.number_of_edges() == kg.graph.number_of_edges() + 1


def _diff_texts(before: str, after: str) -> tuple[list[str], list[str]]:
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


def test_files_with_windows_line_endings_keep_them(odd):
    for name in FILES:
        path = odd / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    edit.end_relation(odd, "taliban-vs-isis-k", until="2024-01")
    edit.add_actor(odd, "wagner", name="Wagner Group", kind="armed_group")
    edit.rename_actor(odd, "tajikistan", "tjk")
    for name in FILES:
        data = (odd / name).read_bytes()
        assert b"\n" not in data.replace(b"\r\n", b""), name
    removed, added = diff_bytes(ODD / "relations.yaml", odd / "relations.yaml")
    assert removed == [b"- source: tajikistan\r\n"]
    assert added == [b'  until: "2024-01"\r\n', b"- source: tjk\r\n"]
    assert load(odd).resolve("tajikistan") == "tjk"


def diff_bytes(before_path: Path, after_path: Path) -> tuple[list[bytes], list[bytes]]:
    before = before_path.read_bytes().replace(b"\n", b"\r\n").splitlines(keepends=True)
    after = after_path.read_bytes().splitlines(keepends=True)
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes():
        if tag != "equal":
            removed += before[i1:i2]
            added += after[j1:j2]
    return removed, added


def test_add_grades_a_source_and_its_evidence_and_checks_the_quote(runner, tmp_path):
    data = tmp_path / "sudan"
    shutil.copytree(TESTS / "data" / "valid" / "sudan", data)
    args = ["--data", str(data)]
    added = runner.invoke(
        app,
        [
            "add",
            "source",
            "panel",
            "--title",
            "UN panel",
            "--reliability",
            "B",
            "--file",
            "brief.md",
            *args,
        ],
    )
    assert added.exit_code == 0, added.output
    before = {p.name: p.read_bytes() for p in data.iterdir()}

    def add_funding(quote: str):
        funds = ["add", "relation", "UAE", "funds", "RSF", "--evidence", "panel", "--since", "2023"]
        return runner.invoke(app, [*funds, "--quote", quote, "--credibility", "2", *args])

    wrong = add_funding("The UN panel of experts proved")
    assert wrong.exit_code == 1 and "relations.yaml" in wrong.stderr
    assert "Traceback" not in wrong.output
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before
    right = add_funding("The UN panel of experts reported")
    assert right.exit_code == 0, right.output
    kg = actorgraph.load(data, use_cache=False)
    (record,) = kg.who("funds", "rsf")
    assert record.evidence[0]["credibility"] == 2 and record.reliability == "B"
