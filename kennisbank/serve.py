"""Live preview: regenerate pages when content/, docs/ or theme/ change; mkdocs serve reloads the browser."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from .build import BUILD, ROOT, _diagrams, _theme
from .content import ContentError, load_content
from .pages import generate

WATCHED = ("content", "docs", "theme")


def _snapshot() -> dict[Path, float]:
    return {p: p.stat().st_mtime for d in WATCHED for p in (ROOT / d).rglob("*") if p.is_file()}


def regenerate() -> None:
    try:
        content = load_content(ROOT / "content")
    except ContentError as exc:
        exc.report("; the preview keeps the last good pages")
        return
    generate(content, ROOT / "docs", BUILD / "docs", _diagrams(content), (800, 1131))
    _theme(BUILD / "theme")
    print("preview: pages regenerated", flush=True)


def _watch() -> None:
    seen = _snapshot()
    while True:
        time.sleep(1)
        now = _snapshot()
        if now != seen:
            seen = now
            regenerate()


def main() -> int:
    regenerate()
    threading.Thread(target=_watch, daemon=True).start()
    env = dict(os.environ, KB_BUILD_DATE="preview")
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-f", str(ROOT / "mkdocs.yml"), *sys.argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
