"""Escaping for the XML formats (GraphML, GEXF), written by hand for speed and exactness.

ElementTree would do, but it leaves a carriage return in element text as is,
and XML parsers turn it into a line feed; here every character that a parser
would normalise is written as a character reference, so text reads back exactly.
"""

from __future__ import annotations

import re

from ._common import ExportError

# Characters XML 1.0 cannot carry at all, not even as &#...; references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)


def check(value: str, where: str) -> str:
    """``value`` unchanged, or :class:`ExportError` if XML cannot hold one of its characters."""
    bad = _NOT_XML.search(value)
    if bad:
        raise ExportError(
            f"{where}: character U+{ord(bad.group()):04X} cannot be written in XML; "
            "remove it from the data or export to JSON"
        )
    return value


def text(value: str, where: str) -> str:
    """``value`` escaped as element content."""
    return check(value, where).translate(_TEXT)


def attr(value: str, where: str) -> str:
    """``value`` escaped for a double-quoted attribute."""
    return check(value, where).translate(_ATTR)
