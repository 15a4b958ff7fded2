"""What the checker needs from mkdocs.yml: the docs folder and the nav."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .yamlload import compose_and_load


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads MkDocs' !ENV and !!python/name tags as plain values."""


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


class _TolerantCLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, parsed by libyaml when it is installed."""


for _cls in (_TolerantLoader, _TolerantCLoader):
    _cls.add_multi_constructor("!", _any_tag)
    _cls.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@dataclass
class SiteConfig:
    root: Path
    docs_dir: str
    nav: list[tuple[str, int]]  # (path relative to docs_dir, line in mkdocs.yml)
    raw: dict
    sections: dict[str, str] = None  # page path -> title of the nav section it is in

    def nav_paths(self) -> set[str]:
        return {p for p, _ in self.nav}


def load(root: Path) -> SiteConfig:
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    node, data = compose_and_load(text, fast=_TolerantCLoader, slow=_TolerantLoader)
    data = data or {}
    nav: list[tuple[str, int]] = []
    sections: dict[str, str] = {}

    def walk(n, section=""):
        if isinstance(n, yaml.ScalarNode):
            v = n.value
            if v.endswith(".md") and "://" not in v:
                nav.append((v, n.start_mark.line + 1))
                sections.setdefault(v, section)
        elif isinstance(n, yaml.SequenceNode):
            for item in n.value:
                walk(item, section)
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                # "Title: page.md" names a page; "Title: [...]" opens a section
                walk(v, section if isinstance(v, yaml.ScalarNode) else str(k.value))

    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == "nav":
                walk(v)
    return SiteConfig(root=root, docs_dir=str(data.get("docs_dir", "docs")), nav=nav, raw=data, sections=sections)
