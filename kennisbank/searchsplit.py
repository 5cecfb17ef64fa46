"""Split mkdocs' single search index into one index per language.

Each language's pages point Material's search at <lang root>/search/ (see theme/main.html),
so a reader only ever searches the pages of the language they are reading."""

from __future__ import annotations

import json
from pathlib import Path

from .settings import DEFAULT_LANG, LANGS


def index_folder(site: Path, lang: str) -> Path:
    """Where a language's search index is written."""
    return site / "search" if lang == DEFAULT_LANG else site / lang / "search"


def split_search_index(site: Path) -> dict[str, int]:
    source = site / "search" / "search_index.json"
    index = json.loads(source.read_text(encoding="utf-8"))
    others = [lang for lang in LANGS if lang != DEFAULT_LANG]
    buckets: dict[str, list] = {lang: [] for lang in LANGS}
    for doc in index["docs"]:
        location = doc["location"]
        lang = next((o for o in others if location.startswith(f"{o}/")), DEFAULT_LANG)
        if lang != DEFAULT_LANG:
            doc = dict(doc, location=location[len(lang) + 1 :])
        buckets[lang].append(doc)
    counts = {}
    for lang, docs in buckets.items():
        folder = index_folder(site, lang)
        folder.mkdir(parents=True, exist_ok=True)
        config = dict(index["config"], lang=[lang])
        data = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        (folder / "search_index.json").write_text(data, encoding="utf-8")
        (folder / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
        counts[lang] = len(docs)
    return counts
