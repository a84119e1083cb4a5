"""Keeping user text inert in exported files.

Unit names, task titles, result text and notes come from uploaded files and plan documents.
Spreadsheet programs treat a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(and a leading tab or carriage return can hide one), so such text could run ``HYPERLINK`` or
DDE when staff open the export (CSV/formula injection, OWASP).

- In .xlsx the text is written as a string cell with Excel's "quote prefix" style: the
  cell shows and keeps exactly the text, Excel never evaluates it, and editing the cell does
  not turn it into a formula either.
- In .csv there is no cell type, so the text gets a leading apostrophe, as OWASP advises;
  Excel hides that apostrophe when it opens the file.

XML 1.0 also forbids most control characters; they are dropped from every string written to
.xlsx and .docx (openpyxl and python-docx would otherwise refuse the whole file).
"""

from __future__ import annotations

import re

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula."""
    return text.startswith(DANGEROUS_START)


def xml_text(text: str) -> str:
    """`text` without characters XML 1.0 cannot carry (tab, LF and CR are kept)."""
    return _XML_ILLEGAL.sub("", text)


def csv_text(text: str) -> str:
    """`text` as a CSV field Excel will not evaluate: an apostrophe before a dangerous start."""
    return "'" + text if is_dangerous(text) else text
