"""YAML, parsed once and fast, with messages that never depend on the loader.

Every YAML file of the course (front matter, the register, mkdocs.yml, the
word list) is read here. The C loader (libyaml) parses it in one pass:
the node tree, with the line of every key, and the data built from that
same tree. When the text is not valid YAML, it is parsed again with the
pure-Python loader and that loader's error is raised, so a trainer's
message and its line are the same whichever loader is installed.
"""

from __future__ import annotations

import yaml

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _one_pass(loader_cls, text: str):
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return node, data
    finally:
        loader.dispose()


def compose_and_load(text: str, fast=_FAST, slow=yaml.SafeLoader):
    """(node, data) of a YAML document. Raises yaml.YAMLError as the
    pure-Python loader words it; ValueError/TypeError for impossible dates."""
    try:
        return _one_pass(fast, text)
    except yaml.YAMLError:
        if fast is slow:
            raise
    return _one_pass(slow, text)  # raises the pure-Python loader's error


def safe_load(text: str):
    return compose_and_load(text)[1]
