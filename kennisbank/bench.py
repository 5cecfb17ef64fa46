"""Benchmark: build time by step, our overhead over a bare mkdocs build, page weight, and in Chromium (6x CPU throttling
beside unthrottled) the explorer's load, filter and typing latency and site search latency; sizes.

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


THROTTLE = 6  # CPU slowdown of a slow office PC, through CDP Emulation.setCPUThrottlingRate

_EVENT_TIMING = """() => { window.__kbEvents = []; new PerformanceObserver(list => {
    for (const e of list.getEntries()) window.__kbEvents.push({name: e.name, duration: e.duration, start: e.startTime, id: e.interactionId});
}).observe({type: "event", durationThreshold: 16, buffered: true}); }"""


def _throttled_page(browser, rate: int, **kw):
    page = browser.new_page(**kw)
    if rate > 1:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return page


def _explorer_ready(browser, url: str, rate: int) -> float:
    """Milliseconds from navigation start to the explorer's filters wired to the page (performance mark)."""
    page = _throttled_page(browser, rate)
    page.goto(url, wait_until="load")
    page.wait_for_function("() => performance.getEntriesByName('kb-explorer-ready').length > 0")
    took = page.evaluate("() => performance.getEntriesByName('kb-explorer-ready')[0].startTime")
    page.close()
    return took


def _filter_clicks(browser, url: str, rate: int) -> list[float]:
    """Click to the end of layout, in the page, for real clicks on filter boxes (and back)."""
    page = _throttled_page(browser, rate, viewport={"width": 1366, "height": 768})
    page.goto(url, wait_until="load")
    page.evaluate("""() => { window.__kbClicks = []; document.querySelector('#kb-filters').addEventListener('click', e => {
        if (e.target.type !== 'checkbox') return; const t0 = performance.now();
        setTimeout(() => { document.body.offsetHeight; requestAnimationFrame(() => setTimeout(() =>
            window.__kbClicks.push(performance.now() - t0), 0)); }, 0); }, true); }""")
    selectors = [
        'input[name="source"][value="matremi"]', 'input[name="level"][value="regional"]',
        'input[name="region"][value="flanders"]', 'input[name="actor"][value="regions"]',
        'input[name="topic"][value="language-interpreters"]',
    ]
    for _ in range(2):
        for sel in selectors + list(reversed(selectors)):
            page.locator(sel).scroll_into_view_if_needed()
            page.click(sel)
            page.wait_for_timeout(150)
    times = page.evaluate("() => window.__kbClicks")
    page.close()
    return times


def _typing(browser, url: str, rate: int) -> tuple[list[float], list[float]]:
    """Per key, real keystrokes in the explorer's text box: the longest of the key's events (one interaction) to the next
    paint (Event Timing; under 16 ms counts as 16);
    and the cost of updating the list for each prefix of the word (filter and layout)."""
    page = _throttled_page(browser, rate, viewport={"width": 1366, "height": 768})
    page.goto(url, wait_until="load")
    page.evaluate(_EVENT_TIMING)
    page.click("#kb-q")
    word = "interpreters"
    page.keyboard.type(word, delay=120)
    page.wait_for_timeout(500)
    events = page.evaluate("() => window.__kbEvents")
    by_key: dict[int, float] = {}
    for e in events:  # a key's keydown, keypress, input and keyup share one interaction id
        if e["name"] in ("keydown", "keypress", "keyup", "input", "beforeinput") and e.get("id"):
            by_key[e["id"]] = max(by_key.get(e["id"], 16.0), e["duration"])
    per_key = sorted(by_key.values()) + [16.0] * max(0, len(word) - len(by_key))
    updates = page.evaluate("""(word) => { const q = document.querySelector('#kb-q'); const out = [];
        for (let i = 1; i <= word.length; i++) { q.value = word.slice(0, i); const t0 = performance.now();
            window.kbExplorer.apply(true); document.body.offsetHeight; out.push(performance.now() - t0); }
        q.value = ''; window.kbExplorer.apply(true); return out; }""", word)
    page.close()
    return per_key, updates


def _search(browser, url: str, query: str, rate: int, warm: bool) -> tuple[float, float]:
    """Milliseconds from the first key of the query to the first result in the header search, and the longest
    main-thread task in that time (while it lasts, the page does not even show the typed letters).
    warm: the index has loaded already; cold: the reader opens search and types at once (the index loads then)."""
    page = _throttled_page(browser, rate)
    page.goto(url, wait_until="load")
    if warm:
        wait_for_search_index(page)
    page.evaluate("""() => {
        window.__kbT0 = null; window.__kbT1 = null; window.__kbLong = [];
        new PerformanceObserver(list => { for (const e of list.getEntries()) window.__kbLong.push([e.startTime, e.duration]); })
            .observe({type: "longtask"});
        document.querySelector('input.md-search__input').addEventListener('keydown', () => {
            if (window.__kbT0 === null) window.__kbT0 = performance.now(); }, {once: true});
        const list = document.querySelector('.md-search-result__list');
        new MutationObserver((changes, observer) => {
            if (list.querySelector('.md-search-result__link')) { window.__kbT1 = performance.now(); observer.disconnect(); }
        }).observe(list, {childList: true, subtree: true});
    }""")
    page.click("input.md-search__input")
    page.keyboard.type(query, delay=100)
    page.wait_for_function("() => window.__kbT1 !== null", timeout=30000)
    took, longest = page.evaluate("""() => [window.__kbT1 - window.__kbT0, Math.max(0, ...window.__kbLong
        .filter(([start, duration]) => start + duration > window.__kbT0 && start < window.__kbT1).map(([, d]) => d))]""")
    page.close()
    return took, longest


def _search_index_requests(browser, url: str) -> tuple[int, int]:
    """Requests for the search index: after loading the page (and waiting), and after opening search."""
    page = browser.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if "search_index" in r.url else None)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)
    before = len(seen)
    page.click("input.md-search__input")
    page.wait_for_timeout(1500)
    page.close()
    return before, len(seen)


def browser_rows(site: Path) -> list[tuple[str, str, str]]:
    """The measures in Chromium, throttled 6x beside unthrottled."""
    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, str, str]] = []
    server, url = serve_directory(site)
    explorer = url + "recommendations.html"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            plain, packed = _page_weight(page, url + "index.html")
            rows.append(("page weight: home (nl), stored / gzip", f"{plain / 1024:.0f} / {packed / 1024:.0f} KB", ""))
            for lang in ("nl", "fr"):
                prefix = "" if lang == "nl" else f"{lang}/"
                html = (site / prefix / "recommendations.html").stat().st_size
                plain, packed = _page_weight(browser.new_page(), url + prefix + "recommendations.html")
                rows.append((f"page weight: explorer ({lang}), stored / gzip", f"{plain / 1024:.0f} / {packed / 1024:.0f} KB", "≤ 250 KB (gzip)"))
                rows.append((f"explorer ({lang}): bytes loaded / bytes of its HTML", f"{plain / html:.2f}", "≤ 1.6"))
            for label, target in (("http", url + "index.html"), ("file://", (site / "index.html").as_uri())):
                before, after = _search_index_requests(browser, target)
                rows.append((f"search index requests before / after opening search ({label})", f"{before} / {after}", "0 / 1"))

            def both(measure):
                return [measure(THROTTLE), measure(1)]

            for lang in ("nl", "fr"):
                page_url = url + ("" if lang == "nl" else f"{lang}/") + "recommendations.html"
                ready = both(lambda r: statistics.median(_explorer_ready(browser, page_url, r) for _ in range(5)))
                rows.append((f"explorer ({lang}): navigation to usable filters (median of 5), 6x CPU / unthrottled",
                             f"{ready[0]:.0f} / {ready[1]:.0f} ms", "≤ 1000 ms (6x)"))
            clicks = both(lambda r: _filter_clicks(browser, explorer, r) + _filter_clicks(browser, explorer, r))
            rows.append((f"filter click to updated list (median / max of {len(clicks[0])}), 6x CPU | unthrottled",
                         f"{statistics.median(clicks[0]):.0f} / {max(clicks[0]):.0f} | {statistics.median(clicks[1]):.0f} / {max(clicks[1]):.0f} ms",
                         "≤ 100 ms (6x)"))
            typing = both(lambda r: [_typing(browser, explorer, r) for _ in range(3)])
            keys = [[d for run in rate_runs for d in run[0]] for rate_runs in typing]
            updates = [[d for run in rate_runs for d in run[1]] for rate_runs in typing]
            rows.append((f"typing in the explorer's box: key to next paint (median / slowest of {len(keys[0])} keys), 6x CPU | unthrottled",
                         f"{statistics.median(keys[0]):.0f} / {max(keys[0]):.0f} | {statistics.median(keys[1]):.0f} / {max(keys[1]):.0f} ms", "≤ 50 ms (6x)"))
            rows.append(("typing: list update per key (median / max), 6x CPU | unthrottled",
                         f"{statistics.median(updates[0]):.0f} / {max(updates[0]):.0f} | {statistics.median(updates[1]):.0f} / {max(updates[1]):.0f} ms", ""))
            for protocol, base in (("http", url), ("file://", site.as_uri() + "/")):
                for warm in (True, False):
                    runs = both(lambda r: [_search(browser, base + "index.html", q, r, warm) for q in ("tolken", "opvang", "6.4")])
                    took = [statistics.median(t for t, _ in run) for run in runs]
                    rows.append((f"site search, first key to first result, {protocol}, index {'loaded' if warm else 'loading as the reader types'} (median of 3), 6x CPU / unthrottled",
                                 f"{took[0]:.0f} / {took[1]:.0f} ms", "≤ 500 ms (6x)"))
                    if not warm:
                        longest = [max(lg for _, lg in run) for run in runs]
                        rows.append((f"the same: longest main-thread task meanwhile (tasks of 50 ms or more, max of 3; 0: none), 6x CPU / unthrottled",
                                     f"{longest[0]:.0f} / {longest[1]:.0f} ms", ""))
            browser.close()
    finally:
        server.shutdown()
    return rows


def _print(rows) -> None:
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}\n")
    print("| measure | value | target |\n|---|---|---|")
    for measure, value, target in rows:
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in (measure, value, target)) + " |")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Benchmark: build, page weight, latency in Chromium (6x CPU throttling beside unthrottled).")
    parser.add_argument("--browser", action="store_true", help="only the browser measures, on the site/ already built")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.browser:
        _print(browser_rows(ROOT / "site"))
        return 0
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
    rows += browser_rows(site)
    bundle = next((ROOT / "dist").glob("*-offline-*.zip"))
    rows.append(("offline bundle", f"{bundle.stat().st_size / 1e6:.1f} MB", "≤ 15 MB"))
    pdfs = sorted((site / "downloads" / "posters").glob("*.pdf"))
    sizes = [p.stat().st_size for p in pdfs]
    rows.append((f"poster PDFs ({len(pdfs)}): min / max", f"{min(sizes) / 1024:.0f} / {max(sizes) / 1024:.0f} KB", "≤ 1 MB each"))
    _print(rows)
    shutil.rmtree(BUILD / "bench", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
