"""Small helpers the test modules share."""

from pathlib import Path

import pytest

from kennisbank.content import ContentError, load_content


def prefix(lang: str) -> str:
    """The path of a language's pages below the site root."""
    return "" if lang == "nl" else f"{lang}/"


def replace(path: Path, old: str, new: str) -> None:
    """Edit a fixture file: the first `old` becomes `new` (which must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(content_dir: Path) -> list[str]:
    """The problems that loading the content reports, as printed."""
    with pytest.raises(ContentError) as info:
        load_content(content_dir)
    return [str(p) for p in info.value.problems]
