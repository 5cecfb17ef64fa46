"""The texts of the search worker for file://, embedded in one classic script.

From file:// Chromium runs no Worker from a file:// URL, and a Worker from a Blob URL can import neither blob: nor
file:// scripts; a page cannot read local files as text either. So the build writes
assets/kennisbank/search-sources.js (`window.kbSearchSources = {path: text}`): our wrapper, Material's worker and the
lunr files Material imports for the languages of our indexes, unchanged. search-blob-worker.js loads it when the
reader opens search and runs them in a Worker made from a Blob."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .searchsplit import index_folder
from .settings import LANGS

WRAPPER = "assets/kennisbank/search-worker.js"
TARGET = "assets/kennisbank/search-sources.js"
_MATERIAL = re.compile(r'var MATERIAL = "\.\./javascripts/workers/([^"/]+)";')


class SearchSourcesError(Exception):
    pass


def material_imports(langs: list[str]) -> list[str]:
    """The lunr files Material's worker imports for a search config's languages (its setupSearchLanguages)."""
    scripts = []
    for lang in langs:
        if lang == "ja":
            scripts.append("tinyseg.js")
        elif lang in ("hi", "th"):
            scripts.append("wordcut.js")
        if lang != "en":
            scripts.append(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        scripts.append("min/lunr.multi.min.js")
    return ["min/lunr.stemmer.support.min.js", *scripts] if scripts else []


def worker_paths(site: Path) -> list[str]:
    """The site paths the search worker needs, after checking that the wrapper names Material's worker as built."""
    wrapper = (site / WRAPPER).read_text(encoding="utf-8")
    named = _MATERIAL.search(wrapper)
    shipped = sorted(p.name for p in (site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not named or [named.group(1)] != shipped:
        raise SearchSourcesError(
            f"theme/assets/kennisbank/search-worker.js: MATERIAL names {named.group(1) if named else 'no worker'!r}, "
            f"but Material ships {', '.join(shipped) or 'none'} (set MATERIAL to Material's worker)")
    paths = [WRAPPER, f"assets/javascripts/workers/{named.group(1)}"]
    for lang in LANGS:
        config = json.loads((index_folder(site, lang) / "search_index.json").read_text(encoding="utf-8"))["config"]
        for name in material_imports(config["lang"]):
            path = f"assets/javascripts/lunr/{name}"
            if path not in paths:
                paths.append(path)
    return paths


def write_search_sources(site: Path) -> list[str]:
    """Write search-sources.js; returns the paths it holds."""
    paths = worker_paths(site)
    missing = [p for p in paths if not (site / p).is_file()]
    if missing:
        raise SearchSourcesError(f"search worker: Material's files are missing from the site: {', '.join(missing)}")
    sources = {path: (site / path).read_text(encoding="utf-8") for path in paths}
    (site / TARGET).write_text(f"window.kbSearchSources = {json.dumps(sources, ensure_ascii=True)};\n", encoding="utf-8")
    return paths
