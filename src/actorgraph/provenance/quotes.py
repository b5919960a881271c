"""Quotes checked against their source's text, after a documented normalisation.

A quote is found when, after both it and the text are normalised, it occurs in
the text. The normalisation makes typography not count, and nothing else:

1. Unicode NFKC (ligatures, full-width forms, non-breaking spaces, ``…``).
2. Soft hyphens and zero-width characters removed.
3. Every quotation mark alike: straight, curly, low, primes, guillemets.
4. Every dash alike (hyphen, en and em dash, minus, ...), a run of dashes is
   one (``--`` for a dash on a typewriter), and spaces around a dash do not
   count (``1990 – 1999`` is ``1990–1999``).
5. Hyphenation at a line end removed (``cease-⏎fire`` is ``ceasefire``); as
   such a hyphen may also be a real one (``Russia-⏎backed``), the text is
   searched both ways.
6. Every run of whitespace and line breaks alike.

HTML is reduced to its text before (:mod:`actorgraph.provenance.texts`).
Letters, case, digits and punctuation other than quotes and dashes count:
``cease-fire`` is not ``ceasefire``.

A quote may skip text with ``...`` (or ``…``, ``[...]``, ``[…]``): its parts
must occur in order, each beginning within :data:`MAX_GAP` characters of the
end of the one before.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

__all__ = ["MAX_GAP", "Closest", "NormalisedText", "normalise", "quote_parts"]

#: The most characters (of normalised text) that a ``...`` in a quote may skip.
MAX_GAP = 2000

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_QUOTES = (
    "\"'`\u00ab\u00bb\u00b4\u02bc\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f"
    "\u2032\u2033\u2039\u203a"
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_TYPOGRAPHY = {**_INVISIBLE, **dict.fromkeys(map(ord, _QUOTES), "'")}
_TYPOGRAPHY.update(dict.fromkeys(map(ord, _DASHES), "-"))
_TABLE = str.maketrans(_TYPOGRAPHY)
# A hyphen ending a line between two letters: hyphenation.
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[^\S\n]*\n\s*(?=[^\W\d_])")
_AROUND_DASH = re.compile(r"\s*-+\s*")
_WHITESPACE = re.compile(r"\s+")
_SKIP = re.compile(r"\[\s*\.\.\.\s*\]|\.\.\.")


def normalise(text: str, *, dehyphenate: bool = True) -> str:
    """``text`` with typography made plain (see the module's documentation).

    >>> normalise("“Cease-\\nfire” — now")
    "'Ceasefire'-now"
    """
    text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    if dehyphenate and "-" in text:
        text = _LINE_END_HYPHEN.sub("", text)
    if "-" in text:
        text = _AROUND_DASH.sub("-", text)
    return _WHITESPACE.sub(" ", text).strip()


def quote_parts(quote: str) -> list[str]:
    """The parts of a normalised quote between its ``...`` skips (empty parts dropped)."""
    return [part.strip() for part in _SKIP.split(quote) if part.strip()]


@dataclass(frozen=True)
class Closest:
    """Where a quote (or one of its parts) comes closest to the text, and what differs.

    ``passage`` is normalised text; ``score`` is a similarity from 0 to 100;
    ``differences`` are short phrases such as ``"cease-fire" where the text has
    "ceasefire"``.
    """

    part: str
    passage: str
    score: float
    differences: list[str] = field(default_factory=list)
    in_order: bool = True

    def describe(self, limit: int = 300) -> str:
        """One line for a message: the closest passage and what differs."""
        if not self.in_order:
            return (
                "each of its parts is in the text, but not in this order "
                f"within {MAX_GAP} characters of each other"
            )
        passage = self.passage if len(self.passage) <= limit else self.passage[:limit] + "…"
        text = f'closest passage ({self.score:.0f}% alike): "{passage}"'
        if self.differences:
            text += "; " + "; ".join(self.differences)
        return text


class NormalisedText:
    """A source text, normalised once, in which quotes are looked for.

    >>> NormalisedText("The cease-\\nfire held.").find("ceasefire")
    True
    """

    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        kept = normalise(text, dehyphenate=False)
        # Line-end hyphens read both ways; most texts have none, so one variant.
        self.variants = (self.text,) if kept == self.text else (self.text, kept)

    def find(self, quote: str) -> bool:
        """Whether the quote occurs in the text (see the module's rules)."""
        for quote_variant in _quote_variants(quote):
            parts = quote_parts(quote_variant)
            if parts and any(_find_parts(parts, text) for text in self.variants):
                return True
        return False

    def closest(self, quote: str) -> Closest:
        """The passage nearest to the quote's first part that is not in the text."""
        parts = quote_parts(normalise(quote)) or [normalise(quote)]
        missing = next((p for p in parts if not any(p in t for t in self.variants)), None)
        if missing is None:
            return Closest(" ... ".join(parts), "", 100.0, in_order=False)
        return _closest_passage(missing, self.text)

    @cached_property
    def length(self) -> int:
        return len(self.text)


def _quote_variants(quote: str) -> list[str]:
    first = normalise(quote)
    kept = normalise(quote, dehyphenate=False)
    return [first] if kept == first else [first, kept]


def _find_parts(parts: list[str], text: str) -> bool:
    """Whether ``parts`` occur in order, each within MAX_GAP of the previous one's end."""
    first, rest = parts[0], parts[1:]
    start = text.find(first)
    while start != -1:
        end = start + len(first)
        for part in rest:
            found = text.find(part, end, end + MAX_GAP + len(part) + 1)
            if found == -1:
                break
            end = found + len(part)
        else:
            return True
        if not rest:
            return True
        start = text.find(first, start + 1)
    return False


def _closest_passage(part: str, text: str) -> Closest:
    """The passage of ``text`` nearest to ``part``, and what differs, word by word.

    rapidfuzz's partial alignment finds the region in C: a megabyte of text
    in tens of milliseconds (benchmarks/quote_bench.py), where difflib's
    SequenceMatcher over the whole text takes minutes. difflib then aligns the
    quote's words with the region's, which gives the passage's exact bounds.
    """
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(part, text)
    margin = len(part) // 2 + 20
    start, end = _word_bounds(
        text, max(0, alignment.dest_start - margin), min(len(text), alignment.dest_end + margin)
    )
    ours, window = part.split(" "), text[start:end].strip().split(" ")
    passage = _aligned_words(ours, window)
    shown = " ".join(passage)
    return Closest(part, shown, fuzz.ratio(part, shown), _differences(ours, passage))


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


_EDGE_PUNCTUATION = ".,;:!?'\"()[]"


def _key(word: str) -> str:
    return word.strip(_EDGE_PUNCTUATION).casefold()


def _aligned_words(ours: list[str], window: list[str]) -> list[str]:
    """The words of ``window`` that line up with ``ours``, from first to last."""
    matcher = difflib.SequenceMatcher(
        None, [_key(w) for w in ours], [_key(w) for w in window], autojunk=False
    )
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return window[: len(ours)]
    first, last = blocks[0], blocks[-1]
    begin = max(0, first.b - first.a)
    stop = min(len(window), last.b + last.size + len(ours) - (last.a + last.size))
    words = window[begin:stop]
    # Punctuation the quote stops short of ("ammunition," for "ammunition") is not a difference.
    if words and ours[-1][-1:] not in _EDGE_PUNCTUATION:
        words[-1] = words[-1].rstrip(_EDGE_PUNCTUATION) or words[-1]
    if words and ours[0][:1] not in _EDGE_PUNCTUATION:
        words[0] = words[0].lstrip(_EDGE_PUNCTUATION) or words[0]
    return words


def _differences(ours: list[str], theirs: list[str], limit: int = 3) -> list[str]:
    """What differs between a quote's words and a passage's, in words."""
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        said, written = " ".join(ours[i1:i2]), " ".join(theirs[j1:j2])
        if tag == "replace":
            found.append(f'the quote has "{said}" where the text has "{written}"')
        elif tag == "delete":
            found.append(f'the text lacks "{said}"')
        elif tag == "insert" and 0 < i1 < len(ours):
            found.append(f'the text has "{written}" after "{ours[i1 - 1]}"')
    if len(found) > limit:
        found = [*found[:limit], f"and {len(found) - limit} more difference(s)"]
    return found
