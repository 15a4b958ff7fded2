"""Shared steps for browser tests."""


def search(page, text: str, tries: int = 10):
    """Open Material's search and type `text`; return the result items.

    The search worker loads its index in the background; a query typed
    before it is ready is not re-run, so type again (as a person would),
    for at most about 20 s."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box, results = page.locator("input.md-search__input"), page.locator(".md-search-result__item")
    for _ in range(tries):
        box.fill("")
        box.press_sequentially(text, delay=20)
        try:
            results.first.wait_for(timeout=2000)
            break
        except Exception:
            continue
    return results
