import functools
import http.server
import os
import socketserver
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
EPOCH = "1763856000"  # 2025-11-23, a fixed build date for reproducible test builds


@dataclass(frozen=True)
class Built:
    site: Path
    dist: Path
    steps: object


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """One full build of the real content, shared by the end-to-end and browser tests."""
    from kennisbank.build import build

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    base = tmp_path_factory.mktemp("build")
    steps = build(site=base / "site", dist=base / "dist", quiet=True)
    return Built(base / "site", base / "dist", steps)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def http_url(built):
    handler = functools.partial(_Quiet, directory=str(built.site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="nl-BE")
    pg = context.new_page()
    yield pg
    context.close()
