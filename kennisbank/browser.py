"""What the browser tests and the benchmark share: Debian's Chromium and a quiet local web server."""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google's hosts at every start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_directory(folder: Path) -> tuple[socketserver.ThreadingTCPServer, str]:
    """Serve folder on a free localhost port in a background thread; returns the server and its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def wait_for_search_index(page, attempts: int = 40) -> None:
    """Open Material's header search and return once it answers, with the box empty again.

    Material drops what is typed before its index has loaded; a reader types again, so do we."""
    page.click("input.md-search__input")
    for _ in range(attempts):
        page.fill("input.md-search__input", "")
        page.keyboard.type("a")
        try:
            page.wait_for_selector(".md-search-result__link", timeout=250)
            break
        except Exception:
            continue
    page.fill("input.md-search__input", "")
    page.wait_for_selector(".md-search-result__link", state="detached", timeout=5000)
