"""The register of legal and policy instruments (data/instruments.yml).

A module names an instrument as ``{{ instrument: ID }}`` and the build
renders it with its date and status from the register, so when an
instrument is superseded, one entry here changes every page.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .yamlload import compose_and_load

REGISTER_PATH = "data/instruments.yml"
STATUSES = ("current", "superseded", "proposed")
FIELDS_REQUIRED = ("name", "kind", "status", "url")
# Each instrument has at least one of these dates, named for the act it records:
# adopted (a law, a resolution, a UN convention adopted by the General Assembly),
# opened (a treaty opened for signature), signed (an agreement or arrangement).
DATE_FIELDS = ("adopted", "opened", "signed")
FIELDS_ALLOWED = FIELDS_REQUIRED + DATE_FIELDS + ("short", "in_force", "applies_from", "replaced_by",
                                                  "superseded_from", "note")
FORMS = ("full", "short")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass
class Instrument:
    id: str
    name: str
    kind: str
    status: str
    url: str
    line: int
    short: str | None = None
    adopted: object = None  # date, "YYYY-MM" or int year
    opened: object = None
    signed: object = None
    in_force: object = None  # date, int year, or "pending"
    applies_from: object = None
    replaced_by: str | None = None
    superseded_from: object = None
    note: str | None = None


YEAR_MONTH_RE = re.compile(r"^(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])$")


def format_date(value) -> str:
    """11 May 2016; May 2016 (for "2016-05"); 2016 (a year alone)."""
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    m = YEAR_MONTH_RE.match(str(value))
    if m:
        return f"{MONTHS[int(m.group('m')) - 1]} {m.group('y')}"
    return str(value)


def _is_date(value) -> bool:
    """A full date, a year-month ("2026-06") or a year alone, when only that is known."""
    return (isinstance(value, dt.date) and not isinstance(value, dt.datetime)) or (
        isinstance(value, int) and 1800 < value < 2200) or bool(YEAR_MONTH_RE.match(str(value)))


def load(root: Path) -> tuple[dict[str, Instrument], list]:
    """Read and check the register. Returns (instruments, problems)."""
    from .problems import Problem

    path = root / REGISTER_PATH
    problems: list[Problem] = []
    if not path.exists():
        return {}, [Problem(REGISTER_PATH, 1, "the register of instruments is missing",
                            "restore data/instruments.yml from version control")]
    text = path.read_text(encoding="utf-8")
    try:
        node, data = compose_and_load(text)
        data = data or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return {}, [Problem(REGISTER_PATH, line, "the register is not valid YAML",
                            "indent with spaces and close every quote")]
    except (ValueError, TypeError):
        from .frontmatter import impossible_date

        bad = impossible_date(text.splitlines())
        line, value = (bad[0] + 1, bad[1]) if bad else (1, "?")
        return {}, [Problem(REGISTER_PATH, line, f'"{value}" is not a real date',
                            "write the date as YYYY-MM-DD, e.g. 2016-05-11")]
    if not isinstance(data, dict):
        return {}, [Problem(REGISTER_PATH, 1, "the register must map each id to its fields",
                            "write each instrument as \"id:\" followed by indented fields")]
    lines: dict[str, int] = {}
    field_lines: dict[tuple[str, str], int] = {}
    if isinstance(node, yaml.MappingNode):
        for knode, vnode in node.value:
            lines[knode.value] = knode.start_mark.line + 1
            if isinstance(vnode, yaml.MappingNode):
                for fk, _fv in vnode.value:
                    field_lines[(knode.value, fk.value)] = fk.start_mark.line + 1

    instruments: dict[str, Instrument] = {}
    for ident, fields in data.items():
        line = lines.get(str(ident), 1)
        ident = str(ident)
        if not ID_RE.match(ident):
            problems.append(Problem(REGISTER_PATH, line, f'instrument id "{ident}" is not plain kebab-case',
                                    "use lowercase letters, digits and hyphens, e.g. europol-regulation"))
            continue
        if not isinstance(fields, dict):
            problems.append(Problem(REGISTER_PATH, line, f'instrument "{ident}" has no fields',
                                    "give it name, kind, adopted, status and url"))
            continue
        bad = False
        for key in fields:
            if key not in FIELDS_ALLOWED:
                problems.append(Problem(REGISTER_PATH, field_lines.get((ident, key), line),
                                        f'instrument "{ident}" has an unknown field "{key}"',
                                        "use only: " + ", ".join(FIELDS_ALLOWED)))
                bad = True
        for key in FIELDS_REQUIRED:
            if fields.get(key) in (None, ""):
                problems.append(Problem(REGISTER_PATH, line, f'instrument "{ident}" has no {key}',
                                        f"add a {key}: line under it"))
                bad = True
        if not any(fields.get(k) is not None for k in DATE_FIELDS):
            problems.append(Problem(REGISTER_PATH, line, f'instrument "{ident}" has no date',
                                    "add adopted:, opened: (for signature) or signed:, as YYYY-MM-DD"))
            bad = True
        if bad:
            continue
        if fields["status"] not in STATUSES:
            problems.append(Problem(REGISTER_PATH, field_lines.get((ident, "status"), line),
                                    f'instrument "{ident}" has status "{fields["status"]}"',
                                    "use one of: " + ", ".join(STATUSES)))
            continue
        for key in DATE_FIELDS + ("applies_from", "superseded_from"):
            if fields.get(key) is not None and not _is_date(fields[key]):
                problems.append(Problem(REGISTER_PATH, field_lines.get((ident, key), line),
                                        f'instrument "{ident}": {key} "{fields[key]}" is not a date',
                                        "write a date as YYYY-MM-DD (or YYYY-MM, or a year alone, when only that is known)"))
                bad = True
        if fields.get("in_force") is not None and not (_is_date(fields["in_force"]) or fields["in_force"] == "pending"):
            problems.append(Problem(REGISTER_PATH, field_lines.get((ident, "in_force"), line),
                                    f'instrument "{ident}": in_force "{fields["in_force"]}" is not a date',
                                    'write a date as YYYY-MM-DD, or "pending" when it is not yet in force'))
            bad = True
        if not str(fields["url"]).startswith("https://"):
            problems.append(Problem(REGISTER_PATH, field_lines.get((ident, "url"), line),
                                    f'instrument "{ident}" has no https:// URL',
                                    "give the official text's address, starting with https://"))
            bad = True
        if fields["status"] == "superseded" and not fields.get("replaced_by"):
            problems.append(Problem(REGISTER_PATH, line, f'instrument "{ident}" is superseded but names no replacement',
                                    "add replaced_by: with the id of the instrument that replaced it"))
            bad = True
        if bad:
            continue
        instruments[ident] = Instrument(id=ident, line=line, **{k: v for k, v in fields.items()})

    for inst in instruments.values():
        if inst.replaced_by and inst.replaced_by not in instruments:
            problems.append(Problem(REGISTER_PATH, field_lines.get((inst.id, "replaced_by"), inst.line),
                                    f'instrument "{inst.id}" is replaced by "{inst.replaced_by}", which is not in the register',
                                    "add that instrument to the register, or correct the id"))
    return instruments, problems


def _dates(inst: Instrument) -> str:
    parts = []
    for key, label in (("adopted", "adopted"), ("opened", "opened for signature"), ("signed", "signed")):
        value = getattr(inst, key)
        if value is not None:
            parts.append(f"{label} {format_date(value)}")
    if inst.in_force == "pending":
        parts.append("not yet in force")
    elif inst.in_force is not None:
        parts.append(f"in force {format_date(inst.in_force)}")
    if inst.applies_from is not None:
        parts.append(f"applies from {format_date(inst.applies_from)}")
    return "; ".join(parts)


def _link(inst: Instrument, label: str) -> str:
    return f'<a href="{html.escape(inst.url)}">{html.escape(label)}</a>'


def render(inst: Instrument, register: dict[str, Instrument], form: str = "full") -> str:
    """Inline HTML for one mention of an instrument."""
    label = inst.short if (form == "short" and inst.short) else inst.name
    status_note = ""
    if inst.status == "superseded":
        repl = register.get(inst.replaced_by)
        when = f" from {format_date(inst.superseded_from)}" if inst.superseded_from else ""
        repl_html = _link(repl, repl.short or repl.name) if repl else html.escape(str(inst.replaced_by))
        status_note = f"<strong>superseded</strong> by {repl_html}{when}"
    elif inst.status == "proposed":
        status_note = "<strong>proposed</strong>, not adopted as of this page's last review"
    if form == "short":
        meta = status_note
    else:
        first = inst.adopted or inst.opened or inst.signed
        meta = _dates(inst) if inst.status != "proposed" else f"proposed {format_date(first)}"
        if status_note:
            meta = f"{meta}; {status_note}"
    meta_html = f' <span class="instrument__meta">({meta})</span>' if meta else ""
    return (f'<span class="instrument instrument--{inst.status}" data-instrument="{inst.id}">'
            f"{_link(inst, label)}{meta_html}</span>")
