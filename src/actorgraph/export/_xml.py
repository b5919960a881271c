"""Escaping for the XML formats (GraphML, GEXF), written by hand for speed and exactness.

ElementTree would do, but it leaves a carriage return in element text as is,
and XML parsers turn it into a line feed; here every character that a parser
would normalise is written as a character reference, so text reads back exactly.
"""

from __future__ import annotations

import re

from ._common import ExportError

# Characters XML 1.0 cannot carry at all, not even as &#...; references.
#: The attribute type each column kind is declared with in GraphML and GEXF
#: (lists and evidence travel as JSON text).
ATTRIBUTE_TYPES = {
    "string": "string",
    "boolean": "boolean",
    "integer": "long",
    "double": "double",
    "strings": "string",
    "json": "string",
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Text that needs no escaping and holds only characters XML allows.
_PLAIN_TEXT = re.compile("[^&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*")
_PLAIN_ATTR = re.compile('[^&<>"\t\n\r\x00-\x1f\ufffe\uffff]*')
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


def check(value: str, where: str, field: str = "") -> str:
    """``value`` unchanged, or :class:`ExportError` if XML cannot hold one of its characters.

    ``where`` and ``field`` name the value in the message (``actor x``, ``name``).
    """
    bad = _NOT_XML.search(value)
    if bad:
        where = f"{where}, {field}" if field else where
        raise ExportError(
            f"{where}: character U+{ord(bad.group()):04X} cannot be written in XML; "
            "remove it from the data or export to JSON"
        )
    return value


def text(value: str, where: str, field: str = "") -> str:
    """``value`` escaped as element content."""
    if _PLAIN_TEXT.fullmatch(value):  # the common case, one scan
        return value
    return check(value, where, field).translate(_TEXT)


def attr(value: str, where: str, field: str = "") -> str:
    """``value`` escaped for a double-quoted attribute."""
    if _PLAIN_ATTR.fullmatch(value):
        return value
    return check(value, where, field).translate(_ATTR)
