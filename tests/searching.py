"""Typing into Material's header search, the way a reader does."""

from urllib.parse import urljoin

from kennisbank.browser import wait_for_search_index


def search(page, query: str) -> list[str]:
    """Type the query once the index has loaded and return the result links (absolute URLs)."""
    wait_for_search_index(page)
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__link", timeout=10000)
    page.wait_for_timeout(300)  # let the results of the whole query replace those of its first letters
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    return [urljoin(page.url, h) for h in hrefs]
