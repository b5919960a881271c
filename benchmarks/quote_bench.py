"""Quote checking: a 1 MB source text with 1,000 quotes, and the closest passage of a miss.

    python benchmarks/quote_bench.py                 # 1 MB, 1,000 quotes
    python benchmarks/quote_bench.py --megabytes 5 --quotes 5000

The text is generated (sentences of random words, so no passage repeats),
written as HTML with typography the quotes do not share (curly quotes, em
dashes, soft hyphens, entities, line breaks and line-end hyphenation); the
quotes are drawn from it in plain typography, some with ``...`` skips. The
check runs through the product's own function (provenance.check_evidence,
as validate does): reading and normalising the text, then every quote.
Figures are the best of --repeat runs (the minimum is the stable estimate on
a noisy machine). Target (issue #12): well under a second.

For a quote that is not found, the closest passage is looked for with
rapidfuzz's partial alignment; difflib's SequenceMatcher, the standard
library's way, is timed beside it on a slice of the text and scaled up.
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import tempfile
import time
from pathlib import Path

from actorgraph.model import Evidence, Relation, Source
from actorgraph.provenance.check import check_evidence
from actorgraph.provenance.quotes import NormalisedText
from actorgraph.provenance.texts import read_text

# Common English words and a few of the trade: sentences of them never repeat.
_COMMON = (
    "the of and to in a is that for it as was with be by on not he this are or his from "
    "at which but have an they you were her she there been one all we their has would "
    "when who will more no if out so said what up its about into than them can only "
    "other new some could time these two may then do first any my now such like our over "
    "man me even most made after also did many before must through back years where much "
    "your way well down should because each just those people how too little state good "
    "very make world still own see men work long get here between both life being under "
    "never day same another know while last might us great old year off come since "
    "against go came right used take three militia border council ministry ceasefire "
    "convoy embargo mediation"
)
WORDS = _COMMON.split()


# "militia" is followed by a dash: an em dash in the text, a hyphen in the quotes.
_DASHED = re.compile(r"\bmilitia (?=[a-z])")


def generate_text(megabytes: float, seed: int) -> tuple[str, list[str]]:
    """HTML of about ``megabytes`` and the plain sentences it holds."""
    rng = random.Random(seed)
    sentences, size = [], 0
    while size < megabytes * 1_000_000:
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
        words[0] = words[0].capitalize()
        if "said" in words[:-1]:  # quoted speech: straight quotes here, curly in the HTML
            at = words.index("said") + 1
            words[at], words[-1] = '"' + words[at], words[-1] + '"'
        sentence = " ".join(words) + "."
        sentences.append(sentence)
        size += len(sentence) + 1
    paragraphs = []
    for start in range(0, len(sentences), 8):
        text = " ".join(sentences[start : start + 8])
        text = text.replace(' "', " &ldquo;").replace('".', "&rdquo;.")
        text = text.replace(" ceasefire ", " cease&shy;fire ")
        text = _DASHED.sub("militia &mdash; ", text)
        # A line break every ~70 characters, some inside words as hyphenation.
        wrapped, column = [], 0
        for word in text.split(" "):
            column += len(word) + 1
            if column > 70 and len(word) > 8 and "&" not in word and rng.random() < 0.3:
                wrapped.append(word[:4] + "-\n" + word[4:])
                column = len(word) - 4
            elif column > 70:
                wrapped.append("\n" + word)
                column = len(word)
            else:
                wrapped.append(word)
        paragraphs.append("<p>" + " ".join(wrapped) + "</p>")
    return "<html><body>\n" + "\n".join(paragraphs) + "\n</body></html>\n", sentences


def draw_quotes(sentences: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    quotes = []
    for n in range(count):
        index = rng.randrange(len(sentences) - 1)
        words = sentences[index].split()
        start = rng.randrange(max(1, len(words) - 8))
        quote = " ".join(words[start : start + rng.randint(6, 12)])
        if n % 10 == 0:  # every tenth skips text: the end of the next sentence
            quote += " ... " + " ".join(sentences[index + 1].split()[-4:])
        quotes.append(_DASHED.sub("militia - ", quote))
    return quotes


def best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--quotes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    html, sentences = generate_text(args.megabytes, seed=1)
    quotes = draw_quotes(sentences, args.quotes, seed=2)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "text.html").write_text(html, encoding="utf-8")
        source = Source(id="s", title="generated", file="text.html")
        relations = [
            Relation(
                source="a", target="b", type="supports", evidence=[Evidence(source="s", quote=q)]
            )
            for q in quotes
        ]

        def check() -> list:
            return check_evidence(root, [(0, source)], list(enumerate(relations)))

        findings = check()
        assert not findings, findings[:3]
        seconds = best(check, args.repeat)
        reading = best(lambda: read_text(root / "text.html"), args.repeat)
        plain = read_text(root / "text.html").text
        normalising = best(lambda: NormalisedText(plain), args.repeat)
        text = NormalisedText(plain)

    print(f"text: {len(html) / 1e6:.2f} MB of HTML, {len(text.text) / 1e6:.2f} MB normalised")
    print(f"{args.quotes:,} quotes, all found: {seconds:.3f} s (best of {args.repeat})")
    print(f"  reading the HTML to text: {reading:.3f} s, normalising it: {normalising:.3f} s")
    looking = seconds - reading - normalising
    print(f"  looking up the quotes: {looking:.3f} s, {looking / args.quotes * 1e6:.0f} µs a quote")

    miss = quotes[len(quotes) // 2].replace("the", "teh", 1) + " militia"
    assert not text.find(miss)
    rapid = best(lambda: text.closest(miss), args.repeat)
    slice_size = 50_000
    part = text.text[:slice_size]
    baseline = best(
        lambda: difflib.SequenceMatcher(None, miss, part, autojunk=False).find_longest_match(),
        1,
    )
    scaled = baseline * len(text.text) / slice_size
    print(f"a quote not found, closest passage: rapidfuzz {rapid * 1000:.0f} ms")
    print(
        f"  difflib SequenceMatcher on {slice_size // 1000} kB: {baseline:.2f} s, "
        f"scaled to the whole text: {scaled:.0f} s ({scaled / rapid:,.0f}x)"
    )


if __name__ == "__main__":
    main()
