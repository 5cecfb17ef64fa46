"""Project settings that are not content."""

import os

# The public address of the site, used in poster QR codes and printed under them.
DEFAULT_SITE_URL = "https://drugs-en-opvang.be/"  # a placeholder until the site has its real address
SITE_URL = os.environ.get("SITE_URL", DEFAULT_SITE_URL)

SITE_NAME = "drugs-en-opvang"
LANGS = ("nl", "fr", "en")
DEFAULT_LANG = "nl"


def page_url(lang: str, page: str) -> str:
    """Public URL of a page given as its path without suffix, e.g. 'help/msoc'."""
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    return f"{SITE_URL}{prefix}{page}.html"


def site_url_warning(site_url: str | None = None) -> str | None:
    """The warning a build prints while the posters' QR codes point to the placeholder address."""
    if (site_url or SITE_URL) != DEFAULT_SITE_URL:
        return None
    return (f"warning: SITE_URL is not set, so the posters' QR codes point to the placeholder "
            f"{DEFAULT_SITE_URL}. Set the site's public address when you build, "
            f"for example: SITE_URL=https://www.example.be/drugs/ scripts/build")
