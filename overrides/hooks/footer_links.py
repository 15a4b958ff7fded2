"""Hook: the "Next" link at the foot of the last trainee page (About this
course) does not lead a trainee into the trainers' section; a trainer
page's own "Previous" and "Next" links stay as they are."""

TRAINERS = "trainers/"


def on_page_context(context, page, config, nav):
    nxt = page.next_page
    if nxt is not None and nxt.file.src_uri.startswith(TRAINERS) and not page.file.src_uri.startswith(TRAINERS):
        page.next_page = None
    return context
