"""Written paths stay inside their folder: no content value may lead a file elsewhere."""

from __future__ import annotations

from pathlib import Path


class UnsafePath(ValueError):
    pass


def inside(root: Path, path: Path) -> Path:
    """`path`, after checking that it resolves to a place inside `root`."""
    resolved = Path(path).resolve()
    if not resolved.is_relative_to(Path(root).resolve()):
        raise UnsafePath(f"refusing to write {path}: it is outside {root}")
    return path
