"""Quotes checked against source texts: typography does not count, words do.

The fixture tests/data/provenance/ cites texts in four formats (HTML, plain
text, Markdown, PDF); its quotes differ from them only typographically and all
pass. Planted wrong quotes are caught at the quote's line, with the closest
passage and what differs.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import TESTS

import actorgraph
from actorgraph.cli import app
from actorgraph.provenance import quotes as quotes_module
from actorgraph.provenance.quotes import MAX_GAP, NormalisedText, normalise
from actorgraph.provenance.texts import html_to_text

PROVENANCE = TESTS / "data" / "provenance"
EXTRA = TESTS / "data" / "provenance-extra"


@pytest.fixture(autouse=True)
def _sources_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test says where extra texts are; none inherits the caller's setting."""
    monkeypatch.delenv("ACTORGRAPH_SOURCES_DIR", raising=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the fixture to plant defects in."""
    target = tmp_path / "data"
    shutil.copytree(PROVENANCE, target)
    return target


def line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


# --- the normalisation --------------------------------------------------------

SAME = [
    # (the source's text, a quote that must be found in it)
    ("He said “no” to ‘them’.", "He said \"no\" to 'them'."),
    ('He said "no".', "He said “no”."),
    ("the 1990–1999 war", "the 1990-1999 war"),
    ("peace — for now", "peace-for now"),
    ("peace -- for now", "peace — for now"),
    ("a long\n   line\tbreak", "a long line break"),
    ("the cease-\nfire held", "the ceasefire held"),
    ("the Geneva-\nbacked format", "the Geneva-backed format"),
    ("north\u00adern railway", "northern railway"),
    ("zero\u200bwidth", "zerowidth"),
    ("non\u00a0breaking", "non breaking"),
    ("riﬂes and ﬁghters", "rifles and fighters"),
    ("Ｆｕｌｌ width", "Full width"),
    ("it's", "it’s"),
]
DIFFERENT = [
    ("a ceasefire", "a cease-fire"),
    ("the Russian Federation", "the Russian federation"),
    ("in 2021", "in 2012"),
    ("the front's fighters", "the fronts fighters"),
    ("fought the front", "fought the fronts"),
]


@pytest.mark.parametrize(("text", "quote"), SAME)
def test_typography_does_not_count(text, quote):
    assert NormalisedText(text).find(quote)


@pytest.mark.parametrize(("text", "quote"), DIFFERENT)
def test_letters_case_digits_and_hyphens_within_a_line_count(text, quote):
    assert not NormalisedText(text).find(quote)


def test_html_is_reduced_to_the_text_a_reader_sees():
    markup = (
        "<head><title>T</title><script>var x = 'hidden words';</script></head>"
        "<p>the <em>Kessan</em> Liberation&nbsp;Front&rsquo;s fighters &amp; "
        "north&shy;ern</p><p>rail</p>"
    )
    text = NormalisedText(html_to_text(markup))
    assert text.find("the Kessan Liberation Front's fighters & northern")
    assert not text.find("hidden words")
    assert not text.find("northern rail ... hidden")
    assert not text.find("northernrail")  # a paragraph ends a line


@pytest.mark.parametrize("skip", ["...", "…", "[...]", "[…]", " ... "])
def test_a_quote_skips_text_with_an_ellipsis(skip):
    text = NormalisedText("One two three four five six seven.")
    assert text.find(f"One two{skip}five six")
    assert not text.find(f"five six{skip}One two")  # parts in order


def test_skipped_parts_must_be_close_together():
    near = "Start here. " + "x" * (MAX_GAP - 10) + " End there."
    far = "Start here. " + "x" * (MAX_GAP + 10) + " End there."
    assert NormalisedText(near).find("Start here ... End there.")
    assert not NormalisedText(far).find("Start here ... End there.")


def test_a_part_found_twice_is_tried_at_each_place():
    text = NormalisedText("alpha beta. " + "y" * (MAX_GAP + 50) + " alpha beta gamma")
    assert text.find("alpha ... gamma")


def test_normalise_is_documented_by_example():
    assert normalise("“Cease-\nfire” — now") == "'Ceasefire'-now"


def test_the_closest_passage_and_what_differs():
    text = NormalisedText("Earlier text. The Kremlin agreed to a ceasefire with the front. Later.")
    closest = text.closest("the Kremlin agreed to a cease-fire with the front")
    assert closest.passage == "The Kremlin agreed to a ceasefire with the front"
    assert 'the quote has "cease-fire" where the text has "ceasefire"' in closest.differences
    assert 'the quote has "the" where the text has "The"' in closest.differences


def test_parts_in_the_wrong_order_are_said_to_be_so():
    closest = NormalisedText("One two three. Four five six.").closest("Four five ... One two")
    assert "not in this order" in closest.describe()


# --- the fixture: four formats, typography apart -------------------------------


def test_every_quote_of_the_fixture_passes_with_its_texts(monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_SOURCES_DIR", str(EXTRA))
    kg = actorgraph.load(PROVENANCE, use_cache=False, strict=True)
    assert kg.graph.number_of_edges() == 10


def test_the_pdf_text_layer_is_what_the_quotes_are_checked_against():
    # The quote in relations.yaml says "rifles"; the PDF's text layer has a ligature.
    text = pypdf.PdfReader(PROVENANCE / "texts" / "panel-report.pdf").pages[0].extract_text()
    assert "riﬂes" in text
    assert NormalisedText(text).find("traced serial numbers on rifles captured")


# --- planted wrong quotes -------------------------------------------------------

# (the quote's text in relations.yaml, the planted one, in the closest passage, what differs)
PLANTED = {
    "html-space-to-hyphen": (
        "since early 2022 Marovian army trucks",
        "since early 2022 Marovian army-trucks",
        "since early 2022 Marovian army trucks have carried",
        'the quote has "army-trucks" where the text has "army trucks"',
    ),
    "pdf-word-changed": (
        "small arms and mortar ammunition",
        "small arms and artillery ammunition",
        "with small arms and mortar ammunition",
        'the quote has "artillery" where the text has "mortar"',
    ),
    "text-word-dropped": (
        "Marovia has never supplied weapons to any armed group",
        "Marovia has supplied weapons to any armed group",
        "Marovia has never supplied weapons to any armed group",
        'the text has "never" after "has"',
    ),
    "markdown-case-changed": (
        "The port council has co-operated",
        "The Port Council has co-operated",
        "The port council has co-operated with the front since January 2023",
        'the quote has "Port Council" where the text has "port council"',
    ),
    "hyphen-added-in-html": (
        "has fought the front’s fighters in the old town",
        "has fought the front’s fighters in the old-town",
        "has fought the front's fighters in the old town",
        'the quote has "old-town" where the text has "old town"',
    ),
    "second-part-missing": (
        "The front’s commander, Aren Dosk, has led the Kessan Liberation Front",
        "The front’s commander, Aren Dosk, ... has led the Kessan People's Front",
        "has led the Kessan Liberation Front",
        'the quote has "People\'s" where the text has "Liberation"',
    ),
}


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_a_planted_wrong_quote_is_caught_with_the_closest_passage(data, case):
    original, planted, passage, difference = PLANTED[case]
    relations = data / "relations.yaml"
    relations.write_text(relations.read_text().replace(original, planted, 1))
    line = line_of(relations, planted)
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(data, use_cache=False)
    (problem,) = caught.value.problems
    assert (Path(problem.file).name, problem.line) == ("relations.yaml", line)
    assert problem.message.startswith("quote not found in the text of source")
    assert "closest passage (" in problem.message
    assert passage in problem.message
    assert difference in problem.message


def test_the_cli_prints_the_caught_quote_and_exits_1(data, runner):
    relations = data / "relations.yaml"
    relations.write_text(relations.read_text().replace("mortar ammunition", "mortar shells", 1))
    result = runner.invoke(app, ["validate", "--data", str(data), "--no-cache"])
    assert result.exit_code == 1
    line = line_of(relations, "mortar shells")
    assert f"relations.yaml:{line}:" in result.output
    assert 'the quote has "shells" where the text has "ammunition"' in result.output
    assert "Traceback" not in result.output


# --- texts that cannot be used -------------------------------------------------


def test_a_changed_text_is_an_error_at_its_pin(data):
    page = data / "texts" / "harbour-dispatch.html"
    page.write_text(page.read_text().replace("Dock workers", "Dockers"))
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(data, use_cache=False)
    (problem,) = caught.value.problems
    assert problem.line == line_of(data / "sources.yaml", "06880e2fa337")
    assert "has changed: its SHA-256 is" in problem.message
    assert "update sha256" in problem.message


def test_a_missing_text_is_a_warning_and_strict_makes_it_an_error(runner):
    result = runner.invoke(app, ["validate", "--data", str(PROVENANCE), "--no-cache"])
    assert result.exit_code == 0
    line = line_of(PROVENANCE / "sources.yaml", "texts/archive-copy.txt")
    assert f"sources.yaml:{line}:9: warning: source 'archive-copy': text" in result.output
    assert "its quotes are not checked" in result.output
    assert "1 warning" in result.output
    strict = runner.invoke(app, ["validate", "--data", str(PROVENANCE), "--no-cache", "--strict"])
    assert strict.exit_code == 1


def test_texts_are_found_on_the_search_path_in_order(monkeypatch, tmp_path, data):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("ACTORGRAPH_SOURCES_DIR", os.pathsep.join([str(empty), str(EXTRA)]))
    assert not actorgraph.load(data, use_cache=False).warnings
    # A copy in the data directory comes first: here, one that lacks the quote.
    (data / "texts" / "archive-copy.txt").write_text("Another text altogether.\n")
    with pytest.raises(
        actorgraph.DataError, match="quote not found in the text of source 'archive-copy'"
    ):
        actorgraph.load(data, use_cache=False)


def test_the_cache_notices_a_text_that_changed_or_appeared(monkeypatch, data):
    assert len(actorgraph.load(data).warnings) == 1
    monkeypatch.setenv("ACTORGRAPH_SOURCES_DIR", str(EXTRA))
    assert actorgraph.load(data).warnings == ()
    notes = data / "texts" / "field-notes.md"
    notes.write_text(notes.read_text().replace("since January 2023", "since June 2023"))
    with pytest.raises(
        actorgraph.DataError, match="quote not found in the text of source 'field-notes'"
    ):
        actorgraph.load(data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"caf\xe9 au lait", "byte 0xe9 at offset 3 is not UTF-8"),
        ("scan.pdf", None, "the PDF has no text layer"),
        ("broken.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
    ],
)
def test_an_unreadable_text_is_a_located_error(data, name, content, message):
    path = data / "texts" / name
    if content is None:
        writer = pypdf.PdfWriter()
        writer.add_blank_page(width=200, height=200)
        with open(path, "wb") as handle:
            writer.write(handle)
    else:
        path.write_bytes(content)
    sources = data / "sources.yaml"
    sources.write_text(
        sources.read_text().replace("file: texts/ministry-statement.txt", f"file: texts/{name}")
    )
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(data, use_cache=False)
    (problem,) = caught.value.problems
    assert problem.line == line_of(sources, f"file: texts/{name}")
    assert message in problem.message


@pytest.mark.parametrize(
    ("written", "planted", "message"),
    [
        (
            "file: texts/field-notes.md",
            "file: /etc/passwd",
            "'file': write the path relative to the data directory",
        ),
        (
            "sha256: 06880e2fa337",
            "sha256: abc 06880e2fa337",
            "'sha256' must be 64 hexadecimal digits",
        ),
        (
            "reliability: F",
            "reliability: G",
            "'reliability' must be 'A', 'B', 'C', 'D', 'E' or 'F', found 'G'",
        ),
    ],
)
def test_bad_source_fields_are_located(data, written, planted, message):
    sources = data / "sources.yaml"
    sources.write_text(sources.read_text().replace(written, planted))
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(data, use_cache=False)
    (problem,) = caught.value.problems
    assert problem.line == line_of(sources, planted)
    assert problem.message.startswith(message)


def test_a_bad_credibility_is_located(data):
    relations = data / "relations.yaml"
    relations.write_text(relations.read_text().replace("credibility: 2", "credibility: 7", 1))
    with pytest.raises(actorgraph.DataError) as caught:
        actorgraph.load(data, use_cache=False)
    (problem,) = caught.value.problems
    assert problem.line == line_of(relations, "credibility: 7")
    assert problem.message == "'credibility' must be 1, 2, 3, 4, 5 or 6, found 7"


def test_a_long_text_searched_for_many_quotes_gives_the_same_answers(monkeypatch):
    # Past a few lookups a long text is indexed by word; the answers must not change.
    rng = random.Random(7)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
    sentences = [" ".join(rng.choice(words) for _ in range(12)) + "." for _ in range(12_000)]
    text = "\n".join(sentences)
    quotes = []
    for n in range(200):
        sentence = sentences[rng.randrange(len(sentences) - 1)].split()
        quote = " ".join(sentence[n % 5 : n % 5 + 6])
        if n % 3 == 0:
            quote = quote.replace(" ", " " + rng.choice(words) + " ", 1)  # mostly not in the text
        if n % 7 == 0:
            quote += " ... " + rng.choice(sentences).split()[0]
        quotes.append(quote)
    indexed = NormalisedText(text)
    answers = [indexed.find(q) for q in quotes]
    assert indexed._indexes  # the index was used
    monkeypatch.setattr(quotes_module, "_INDEX_AFTER", len(quotes) + 1)
    scanning = NormalisedText(text)
    scanned = [scanning.find(q) for q in quotes]
    assert not scanning._indexes
    assert answers == scanned
    assert 30 < sum(answers) < 200
