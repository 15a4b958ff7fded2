"""The register of legal and policy instruments (data/instruments.yml).

A module names an instrument as ``{{ instrument: ID }}`` and the build
renders it with its date and status from the register, so when an
instrument is superseded, one entry here changes every page.

Each entry records the day its status was last checked against its official
source (``status_checked``), and a plan or strategy records the end of its
period (``ends``). Two kinds of rule follow from these dates:

- the entry contradicts itself (its period ended before the day its status
  was checked, yet it is shown as current): an error, found by ``load``;
- its period has ended since it was last checked: a warning for ``make check``
  and a line in the review report (``currency_problems``, ``checks_due``).
  Time passing alone never makes an error.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .yamlload import compose_and_load

REGISTER_PATH = "data/instruments.yml"
STATUSES = ("current", "superseded", "proposed", "ended", "extended")
# status_checked is required: a status is only as good as the day it was last
# checked, and the pages show that day next to every full mention.
FIELDS_REQUIRED = ("name", "kind", "status", "url", "status_checked")
# Each instrument has at least one of these dates, named for the act it records:
# adopted (a law, a resolution, a UN convention adopted by the General Assembly),
# opened (a treaty opened for signature), signed (an agreement or arrangement).
DATE_FIELDS = ("adopted", "opened", "signed")
FIELDS_ALLOWED = FIELDS_REQUIRED + DATE_FIELDS + ("short", "in_force", "applies_from", "replaced_by",
                                                  "superseded_from", "ends", "extended_to", "extended_by",
                                                  "reported_by", "note")
# How often a status is checked again (review report): every 6 months, every 3
# for what is still moving (proposed, not yet in force or applying, or seen
# only in secondary sources).
RECHECK_MONTHS = 6
RECHECK_MONTHS_MOVING = 3
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
    status_checked: object = None  # a full date
    ends: object = None  # date, "YYYY-MM" or int year: the last day, month or year of its period
    extended_to: object = None
    extended_by: str | None = None
    reported_by: str | None = None  # the secondary sources its status was seen in
    note: str | None = None
    lines: dict = field(default_factory=dict)  # field -> line in the register

    def field_line(self, key: str) -> int:
        return self.lines.get(key, self.line)

    @property
    def period_end(self) -> dt.date | None:
        """The last day of its period, counting an extension."""
        value = self.extended_to if self.extended_to is not None else self.ends
        return last_day(value) if value is not None else None


YEAR_MONTH_RE = re.compile(r"^(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])$")


def format_date(value) -> str:
    """11 May 2016; May 2016 (for "2016-05"); 2016 (a year alone)."""
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    m = YEAR_MONTH_RE.match(str(value))
    if m:
        return f"{MONTHS[int(m.group('m')) - 1]} {m.group('y')}"
    return str(value)


def last_day(value) -> dt.date:
    """The last day a date, a year-month ("2025-06") or a year alone (2025) covers."""
    if isinstance(value, dt.date):
        return value
    m = YEAR_MONTH_RE.match(str(value))
    if m:
        y, mo = int(m.group("y")), int(m.group("m"))
        return dt.date(y + mo // 12, mo % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(int(value), 12, 31)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (31 May - 3 months = 28/29 Feb)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    for d in range(day.day, 27, -1):
        try:
            return dt.date(y, m, d)
        except ValueError:
            continue
    return dt.date(y, m, min(day.day, 28))


def _is_full_date(value) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


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
                fix = ("add status_checked: YYYY-MM-DD under it, the day you checked its status against "
                       "its official source" if key == "status_checked" else f"add a {key}: line under it")
                problems.append(Problem(REGISTER_PATH, line, f'instrument "{ident}" has no {key}', fix))
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
        for key in DATE_FIELDS + ("applies_from", "superseded_from", "ends", "extended_to"):
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
        if not _is_full_date(fields["status_checked"]):
            problems.append(Problem(REGISTER_PATH, field_lines.get((ident, "status_checked"), line),
                                    f'instrument "{ident}": status_checked "{fields["status_checked"]}" is not a full date',
                                    "write the day you checked its status against its official source, as YYYY-MM-DD"))
            bad = True
        if fields["status"] == "ended" and fields.get("ends") is None:
            problems.append(Problem(REGISTER_PATH, field_lines.get((ident, "status"), line),
                                    f'instrument "{ident}" has ended but has no ends',
                                    "add ends: with the last day, month or year of its period, as its text gives it"))
            bad = True
        for key in ("extended_to", "extended_by"):
            if fields.get(key) is not None and fields["status"] != "extended":
                problems.append(Problem(REGISTER_PATH, field_lines.get((ident, key), line),
                                        f'instrument "{ident}" has {key} but its status is "{fields["status"]}"',
                                        f"set status: extended, or remove {key}"))
                bad = True
        if fields["status"] == "superseded" and not fields.get("replaced_by"):
            problems.append(Problem(REGISTER_PATH, line, f'instrument "{ident}" is superseded but names no replacement',
                                    "add replaced_by: with the id of the instrument that replaced it"))
            bad = True
        if bad:
            continue
        inst = Instrument(id=ident, line=line, lines={k: field_lines[(ident, k)] for k in fields
                                                      if (ident, k) in field_lines},
                          **{k: v for k, v in fields.items()})
        problems += _contradictions(inst)
        instruments[ident] = inst

    for inst in instruments.values():
        if inst.replaced_by and inst.replaced_by not in instruments:
            problems.append(Problem(REGISTER_PATH, field_lines.get((inst.id, "replaced_by"), inst.line),
                                    f'instrument "{inst.id}" is replaced by "{inst.replaced_by}", which is not in the register',
                                    "add that instrument to the register, or correct the id"))
    return instruments, problems


def _when(value) -> str:
    """"on 14 June 2025", "in June 2025", "in 2025"."""
    return f"{'on' if isinstance(value, dt.date) else 'in'} {format_date(value)}"


def _end_value(inst: Instrument):
    return inst.extended_to if inst.extended_to is not None else inst.ends


def _contradictions(inst: Instrument) -> list:
    """An entry that says it is current although, by its own dates, its period
    had ended on the day its status was checked."""
    from .problems import Problem

    end = inst.period_end
    if inst.status not in ("current", "extended") or end is None or end >= inst.status_checked:
        return []
    until = _when(_end_value(inst)) + (" (as extended)" if inst.extended_to is not None else "")
    return [Problem(REGISTER_PATH, inst.field_line("status"),
                    f'instrument "{inst.id}" is {inst.status}, but its period ended {until}, '
                    f"before its status was checked on {format_date(inst.status_checked)}",
                    "set status: ended; or superseded, with replaced_by; or extended, with extended_to, "
                    "as its official source says")]


def currency_problems(instruments: dict[str, Instrument], today: dt.date) -> list:
    """Checks that need today's date. A status_checked after today is an error
    (a typo: time will not break it). A period that ended after the entry was
    last checked is only a warning: the status is probably stale, but the
    build must not fail just because time passed."""
    from .problems import Problem

    out = []
    for inst in instruments.values():
        if inst.status_checked > today:
            out.append(Problem(REGISTER_PATH, inst.field_line("status_checked"),
                               f'instrument "{inst.id}": status_checked {inst.status_checked.isoformat()} is after today',
                               "write the day you checked its status, as YYYY-MM-DD"))
        elif ended_since_check(inst, today):
            out.append(Problem(REGISTER_PATH, inst.field_line("ends" if inst.extended_to is None else "extended_to"),
                               f'instrument "{inst.id}": its period ended {_when(_end_value(inst))}, '
                               f"after its status was last checked on {format_date(inst.status_checked)}",
                               "check its official source, then update status (ended, extended or superseded) "
                               "and status_checked", warning=True))
    return out


def ended_since_check(inst: Instrument, today: dt.date) -> bool:
    end = inst.period_end
    return (inst.status in ("current", "extended") and end is not None
            and inst.status_checked <= end < today)


def moving_reason(inst: Instrument, today: dt.date) -> str:
    """Why the status may change soon ("" when it is settled): proposed, pending,
    not yet in force or applying, or seen only in secondary sources."""
    if inst.status == "proposed":
        return "proposed"
    if inst.in_force == "pending":
        return "not yet in force"
    if inst.in_force is not None and _first_day(inst.in_force) > today:
        return "not yet in force"
    if inst.applies_from is not None and _first_day(inst.applies_from) > today:
        return "does not apply yet"
    if inst.reported_by is not None:
        return "seen only in secondary sources"
    return ""


def is_moving(inst: Instrument, today: dt.date) -> bool:
    return bool(moving_reason(inst, today))


def _first_day(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    m = YEAR_MONTH_RE.match(str(value))
    if m:
        return dt.date(int(m.group("y")), int(m.group("m")), 1)
    return dt.date(int(value), 1, 1)


def check_due(inst: Instrument, today: dt.date) -> int | None:
    """The re-check interval in months when the entry's last check is older
    than it (6 months; 3 for anything still moving), else None."""
    months = RECHECK_MONTHS_MOVING if is_moving(inst, today) else RECHECK_MONTHS
    return months if inst.status_checked < months_before(today, months) else None


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


def _reported(inst: Instrument | None) -> str:
    return "reported in secondary sources only, official text not seen" if inst and inst.reported_by else ""


def status_note(inst: Instrument, register: dict[str, Instrument]) -> str:
    """What every mention says about a status other than current (HTML)."""
    if inst.status == "superseded":
        repl = register.get(inst.replaced_by)
        when = f" from {format_date(inst.superseded_from)}" if inst.superseded_from else ""
        repl_html = _link(repl, repl.short or repl.name) if repl else html.escape(str(inst.replaced_by))
        also = f", {_reported(repl)}" if _reported(repl) else ""
        return f"<strong>superseded</strong> by {repl_html}{when}{also}"
    if inst.status == "proposed":
        return "<strong>proposed</strong>, not adopted"
    if inst.status == "ended":
        return f"<strong>ended</strong> {format_date(inst.ends)}"
    if inst.status == "extended":
        until = f" to {format_date(inst.extended_to)}" if inst.extended_to is not None else ""
        by = f" by {html.escape(str(inst.extended_by))}" if inst.extended_by else ""
        return f"<strong>extended</strong>{until}{by}"
    return ""


def render(inst: Instrument, register: dict[str, Instrument], form: str = "full") -> str:
    """Inline HTML for one mention of an instrument. The full form ends with the
    day its status was last checked; the short form says only what is not current."""
    label = inst.short if (form == "short" and inst.short) else inst.name
    parts = [status_note(inst, register), _reported(inst)]
    if form != "short":
        first = inst.adopted or inst.opened or inst.signed
        dates = _dates(inst) if inst.status != "proposed" else f"proposed {format_date(first)}"
        parts = [dates, *parts]
        if inst.status_checked is not None:
            parts.append(f"status checked {format_date(inst.status_checked)}")
    meta = "; ".join(p for p in parts if p)
    meta_html = f' <span class="instrument__meta">({meta})</span>' if meta else ""
    return (f'<span class="instrument instrument--{inst.status}" data-instrument="{inst.id}">'
            f"{_link(inst, label)}{meta_html}</span>")
