"""Typing into Material's header search, the way a reader does."""

from urllib.parse import urljoin


def search(page, query: str, attempts: int = 20) -> list[str]:
    """Type the query and return the result links (absolute URLs).

    Material drops what is typed before its search index has loaded, so the query is typed
    again until results appear, as a reader would do."""
    page.click("input.md-search__input")
    for _ in range(attempts):
        page.fill("input.md-search__input", "")
        page.keyboard.type(query)
        try:
            page.wait_for_selector(".md-search-result__link", timeout=500)
            page.wait_for_timeout(300)  # let the results of the whole query replace those of its first letters
            break
        except Exception:
            continue
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    return [urljoin(page.url, h) for h in hrefs]
