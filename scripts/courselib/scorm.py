"""The SCORM 1.2 package: which pages are SCOs, what they are called, and
the manifest (imsmanifest.xml). scripts/scorm.py builds the package;
overrides/hooks/scorm.py marks the SCO pages in that build.

- One SCO per module, short module, case exercise (kept apart in
  `Course.cases`) and the course assessment, in `nav:` order.
- Identifiers are made from slugs, never from positions (`item-<slug>`,
  `res-<slug>`): Moodle forgets the tracking of an identifier that
  disappears when a package is replaced.
- The assessment carries `adlcp:masteryscore` from `extra.scorm.mastery_score`
  in mkdocs.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .course import CASE_KIND, COURSE_KINDS, Course
from .problems import Problem

SCO_KINDS = COURSE_KINDS + (CASE_KIND,)  # module, short-module, assessment, case
ASSESSMENT = "assessment"
ORGANIZATION = "police-cooperation"
SHARED = "res-site"


@dataclass
class Sco:
    slug: str
    kind: str
    title: str
    description: str
    href: str  # the launch file in the offline build, e.g. modules/interpol.html
    questions: int
    doc_path: str = ""  # the page's source, relative to docs/

    @property
    def item(self) -> str:
        return f"item-{self.slug}"

    @property
    def resource(self) -> str:
        return f"res-{self.slug}"


def offline_file(doc_path: str) -> str:
    """The file the offline build (use_directory_urls off) writes for a page."""
    return doc_path[:-3] + ".html"


def scos(course: Course) -> list[Sco]:
    """The SCOs, in `nav:` order: modules and the assessment (course.modules)
    and case exercises (course.cases) alike."""
    return [Sco(slug=p.slug, kind=p.kind, title=p.title, description=p.description,
                href=offline_file(p.doc_path), questions=0 if p.is_case else len(p.questions), doc_path=p.doc_path)
            for p in course.in_nav_order() if p.kind in SCO_KINDS]


def mastery_score(raw_config: dict, config_text: str = "") -> tuple[int | None, Problem | None]:
    """extra.scorm.mastery_score from mkdocs.yml: a whole number from 0 to 100.
    `config_text` (mkdocs.yml itself) lets the problem name its line."""
    value = ((raw_config.get("extra") or {}).get("scorm") or {}).get("mastery_score")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
        return value, None
    line = next((n for n, l in enumerate(config_text.splitlines(), 1) if l.strip().startswith("mastery_score:")), 1)
    what = "extra.scorm.mastery_score is missing" if value is None else f'mastery_score "{value}" is not a percentage'
    return None, Problem("mkdocs.yml", line, what,
                         "write a whole number from 0 to 100 under extra: scorm:, e.g. mastery_score: 80")


def manifest(course_title: str, items: list[Sco], files: list[str], mastery: int) -> str:
    """imsmanifest.xml (SCORM 1.2, IMS Content Packaging 1.1.2). `files`: every
    file of the package but the manifest, relative to its root."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<manifest identifier="{ORGANIZATION}" version="1.2"',
           '          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"',
           '          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"',
           '          xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">',
           "  <metadata>", "    <schema>ADL SCORM</schema>", "    <schemaversion>1.2</schemaversion>", "  </metadata>",
           f'  <organizations default="org-{ORGANIZATION}">',
           f'    <organization identifier="org-{ORGANIZATION}">',
           f"      <title>{escape(course_title)}</title>"]
    for s in items:
        # ?sco=<slug> tells the page it was launched as this SCO (not reached by a link).
        out += [f'      <item identifier="{s.item}" identifierref="{s.resource}" isvisible="true" '
                f'parameters="?sco={s.slug}">',
                f"        <title>{escape(s.title)}</title>",
                "        <metadata><imsmd:lom><imsmd:general><imsmd:description>"
                f'<imsmd:langstring xml:lang="en">{escape(s.description)}</imsmd:langstring>'
                "</imsmd:description></imsmd:general></imsmd:lom></metadata>"]
        if s.kind == ASSESSMENT:
            out.append(f"        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>")
        out.append("      </item>")
    out += ["    </organization>", "  </organizations>", "  <resources>"]
    for s in items:
        out += [f'    <resource identifier="{s.resource}" type="webcontent" adlcp:scormtype="sco" '
                f"href={quoteattr(s.href)}>",
                f"      <file href={quoteattr(s.href)}/>",
                f'      <dependency identifierref="{SHARED}"/>',
                "    </resource>"]
    launched = {s.href for s in items}
    out.append(f'    <resource identifier="{SHARED}" type="webcontent" adlcp:scormtype="asset">')
    out += [f"      <file href={quoteattr(f)}/>" for f in sorted(files) if f not in launched]
    out += ["    </resource>", "  </resources>", "</manifest>", ""]
    return "\n".join(out)


__all__ = ["SCO_KINDS", "Sco", "scos", "manifest", "mastery_score", "offline_file"]
