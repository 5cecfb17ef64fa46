"""Project settings that are not content."""

import os

# The public address of the site, used in poster QR codes and printed under them.
SITE_URL = os.environ.get("SITE_URL", "https://drugs-en-opvang.be/")

SITE_NAME = "drugs-en-opvang"
LANGS = ("nl", "fr", "en")
DEFAULT_LANG = "nl"


def page_url(lang: str, page: str) -> str:
    """Public URL of a page given as its path without suffix, e.g. 'help/msoc'."""
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    return f"{SITE_URL}{prefix}{page}.html"
