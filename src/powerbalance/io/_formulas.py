"""Text in a CSV cell that a spreadsheet would run as a formula, written so it is not.

A spreadsheet opening a CSV file treats a cell beginning with ``=``, ``+``, ``-`` or
``@`` (and, in some, a tab or a carriage return) as a formula, and a formula can fetch
data from the network or start programs. A text cell beginning with one of these is
written with a single quote in front, which spreadsheets show as text; reading removes
it again. A text that itself begins with quotes followed by one of these characters
gets one more quote, so every text reads back exactly as it was written. Numbers are
never quoted: a score of ``-3`` stays a number.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "escape_formula", "unescape_formula"]

#: The first characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = "=+-@\t\r"

_QUOTED = re.compile(f"'+[{re.escape(FORMULA_STARTS)}]")


def escape_formula(text: str) -> str:
    """Text safe for a CSV cell: a quote in front of what a spreadsheet would run.

    Examples
    --------
    >>> escape_formula("=HYPERLINK(0)"), escape_formula("-5"), escape_formula("Trade")
    ("'=HYPERLINK(0)", "'-5", 'Trade')
    >>> escape_formula("'=x")
    "''=x"
    """
    if (text and text[0] in FORMULA_STARTS) or _QUOTED.match(text):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """The text a CSV cell was written from: :func:`escape_formula` undone.

    Examples
    --------
    >>> unescape_formula("'=HYPERLINK(0)"), unescape_formula("''=x"), unescape_formula("'quoted'")
    ('=HYPERLINK(0)', "'=x", "'quoted'")
    """
    if _QUOTED.match(text):
        return text[1:]
    return text
