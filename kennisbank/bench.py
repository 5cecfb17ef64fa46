"""Benchmark: build time by step, our overhead over a bare mkdocs build, page weight, filter and search latency, sizes.

Prints one Markdown table. Not a test: figures depend on the machine."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from .browser import CHROMIUM, CHROMIUM_ARGS, serve_directory, wait_for_search_index
from .build import BUILD, ROOT, build, build_date, mkdocs_build

def _page_weight(page, url: str) -> tuple[int, int]:
    """Bytes of every response the page loads: as stored (file://, plain server) and gzip-compressed (a web server)."""
    import gzip

    sizes: list[tuple[int, int]] = []

    def on_response(response):
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        sizes.append((len(body), len(gzip.compress(body, 6))))

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", on_response)
    return sum(s[0] for s in sizes), sum(s[1] for s in sizes)


def _filter_latency(page, url: str) -> list[float]:
    page.goto(url)
    script = """(sel) => {
        const box = document.querySelector(sel);
        const t0 = performance.now();
        box.click();
        document.body.offsetHeight;
        return performance.now() - t0;
    }"""
    times = []
    selectors = [
        'input[name="source"][value="matremi"]', 'input[name="actor"][value="regions"]',
        'input[name="topic"][value="language-interpreters"]', 'input[name="level"][value="regional"]',
        'input[name="region"][value="flanders"]',
    ]
    for _ in range(4):
        for sel in selectors + list(reversed(selectors)):
            times.append(page.evaluate(script, sel))
    typing = """(q) => { const el = document.querySelector('#kb-q'); const t0 = performance.now();
        el.value = q; el.dispatchEvent(new Event('input')); document.body.offsetHeight; return performance.now() - t0; }"""
    for q in ("t", "to", "tol", "tolk", "tolken", ""):
        times.append(page.evaluate(typing, q))
    return times


def _search_latency(page, url: str, query: str) -> float:
    """Milliseconds from the first key of the query to the first result, once the index has loaded."""
    page.goto(url, wait_until="load")
    wait_for_search_index(page)
    # Timed inside the page: from the first key event to the first result link in the DOM.
    page.evaluate("""() => {
        window.__kbT0 = null; window.__kbT1 = null;
        document.querySelector('input.md-search__input').addEventListener('keydown', () => {
            if (window.__kbT0 === null) window.__kbT0 = performance.now(); }, {once: true});
        const list = document.querySelector('.md-search-result__list');
        new MutationObserver((changes, observer) => {
            if (list.querySelector('.md-search-result__link')) { window.__kbT1 = performance.now(); observer.disconnect(); }
        }).observe(list, {childList: true, subtree: true});
    }""")
    page.keyboard.type(query)
    page.wait_for_function("() => window.__kbT1 !== null", timeout=20000)
    return page.evaluate("() => window.__kbT1 - window.__kbT0")


def main() -> int:
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    rows: list[tuple[str, str, str]] = []
    runs = []
    for _ in range(3):  # the fastest of three, as for the bare mkdocs build below
        start = time.perf_counter()
        run = build(quiet=True)
        runs.append((time.perf_counter() - start, run))
    total, steps = min(runs, key=lambda r: r[0])
    for name, took in steps.timings.items():
        rows.append((f"build step: {name}", f"{took:.2f} s", ""))
    rows.append(("full build (scripts/build without setup), posters unchanged", f"{total:.2f} s", "≤ 20 s"))
    os.environ["KB_NO_POSTER_CACHE"] = "1"
    start = time.perf_counter()
    cold = build(quiet=True)
    del os.environ["KB_NO_POSTER_CACHE"]
    rows.append(("full build, posters rendered again", f"{time.perf_counter() - start:.2f} s (posters {cold.timings['posters']:.1f} s)", "≤ 20 s"))
    bare_times = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            mkdocs_build(Path(tmp) / "site", build_date(), ROOT / "content")
            bare_times.append(time.perf_counter() - t0)
    bare = min(bare_times)
    rows.append(("bare mkdocs build of the same pages", f"{bare:.2f} s", ""))
    rows.append(("full build / bare mkdocs build", f"{total / bare:.2f}", "≤ 1.3"))
    site = ROOT / "site"
    server, url = serve_directory(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            plain, packed = _page_weight(page, url + "index.html")
            rows.append(("page weight: home (nl), stored / gzip", f"{plain / 1024:.0f} / {packed / 1024:.0f} KB", ""))
            for lang in ("nl", "fr"):
                prefix = "" if lang == "nl" else f"{lang}/"
                plain, packed = _page_weight(browser.new_page(), url + prefix + "recommendations.html")
                rows.append((f"page weight: explorer ({lang}), stored / gzip", f"{plain / 1024:.0f} / {packed / 1024:.0f} KB", "≤ 250 KB"))
            times = _filter_latency(page, url + "recommendations.html")
            rows.append(("filter change, all shown (median / max of %d)" % len(times),
                         f"{statistics.median(times):.1f} / {max(times):.1f} ms", "≤ 50 ms"))
            searches = [_search_latency(browser.new_page(), (site / "index.html").as_uri(), q) for q in ("tolken", "opvang", "6.4")]
            rows.append(("typing to first search result, file:// (median / max)",
                         f"{statistics.median(searches):.0f} / {max(searches):.0f} ms", "≤ 200 ms"))
            browser.close()
    finally:
        server.shutdown()
    bundle = next((ROOT / "dist").glob("*-offline-*.zip"))
    rows.append(("offline bundle", f"{bundle.stat().st_size / 1e6:.1f} MB", "≤ 15 MB"))
    pdfs = sorted((site / "downloads" / "posters").glob("*.pdf"))
    sizes = [p.stat().st_size for p in pdfs]
    rows.append((f"poster PDFs ({len(pdfs)}): min / max", f"{min(sizes) / 1024:.0f} / {max(sizes) / 1024:.0f} KB", "≤ 1 MB each"))
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}\n")
    print("| measure | value | target |\n|---|---|---|")
    for measure, value, target in rows:
        print(f"| {measure} | {value} | {target} |")
    shutil.rmtree(BUILD / "bench", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
