import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

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


@pytest.fixture(scope="session")
def http_url(built):
    from kennisbank.browser import serve_directory

    server, url = serve_directory(built.site)
    yield url
    server.shutdown()


@pytest.fixture()
def content_dir(tmp_path):
    """A writable copy of the small content fixture."""
    import shutil

    target = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "content", target)
    return target


@pytest.fixture(params=["http", "file"])
def base(request, http_url, built) -> str:
    """The site's root URL, served over HTTP or opened from disk."""
    return http_url if request.param == "http" else built.site.as_uri() + "/"


@pytest.fixture(scope="session")
def content():
    """The real content of content/, validated."""
    from kennisbank.content import load_content

    return load_content(ROOT / "content")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        from kennisbank.browser import CHROMIUM, CHROMIUM_ARGS

        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="nl-BE")
    pg = context.new_page()
    yield pg
    context.close()
