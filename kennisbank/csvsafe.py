"""The one rule against spreadsheet formula injection, for the CSV files and the browser's CSV download.

A cell that starts with one of these characters is read by Excel and LibreOffice as a formula
(=HYPERLINK(...), +cmd, @SUM, a tab or carriage return before one): it gets a leading apostrophe.
"""

from __future__ import annotations

import json

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    return "'" + cell if cell[:1] in FORMULA_START else cell


def as_data() -> str:
    """The rule for the page (data-csv-formula), read by site.js: a JSON list, as tab and CR do not survive HTML."""
    return json.dumps(FORMULA_START)
