"""Hook: let the right page come first in search.

Material's search ranks a page's title and headings far above its text, so a
module that merely mentions an acronym often. A page may name the terms it
teaches in its front matter:

    search:
      terms: [MLA, EIO]

Those terms are given to the search index as the page's tags, which
Material weighs above everything else, so searching "MLA" opens the module
on mutual legal assistance first. (No tag is shown on the page: the tags
plugin is not used.) Trainer pages and the course assessment, which
mention every term of the course, are ranked below the modules unless
their front matter sets a boost of its own.
"""

LOWER_KINDS = ("trainer", "assessment")


def on_page_markdown(markdown, page, config, files):
    search = page.meta.get("search")
    search = dict(search) if isinstance(search, dict) else {}
    terms = search.get("terms")
    if isinstance(terms, list):
        page.meta["tags"] = [str(t) for t in terms]
    kind = page.meta.get("kind") or ("trainer" if page.file.src_uri.startswith("trainers/") else None)
    if kind in LOWER_KINDS and "boost" not in search:
        search["boost"] = 0.5
    if search:
        page.meta["search"] = search
    return markdown
