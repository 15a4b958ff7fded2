"""Translations: which English version each one was made from, whether it is
behind, and how to record (stamp) a new version.

The file layout is courselib/editions.py's. A translated page records, in
its front matter, the git blob id of every English file it translates (its
English page and the quiz files that page embeds) and who reviewed it::

    translation:
      from:
        docs/modules/interpol.md: 1f0c...   # 40 hex digits
        quizzes/interpol.md: 9a3e...
      reviewed_by: null
      reviewed_on: null

- ``stamp_text`` writes ``from:`` into the front matter text itself, line by
  line, so comments, key order and every other key stay exactly as written.
- A translation is *behind* when an English file's blob id today differs
  from the one recorded (or the English file is not recorded at all).
- ``changed_lines`` names the English lines that changed since the recorded
  version, from ``git cat-file blob <id>`` when git has that blob (``stamp``
  stores it with ``git hash-object -w``, so it does even before a commit).

Used by scripts/translations.py, the checker (checks/translations.py) and
scripts/review_report.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import editions
from .checks.markdown_rules import SNIPPET_RE
from .markdown_text import code_lines
from .question_ids import quiz_slugs

HEX40_RE = re.compile(r"^[0-9a-f]{40}$")
BLOCK_KEYS = ("from", "reviewed_by", "reviewed_on")

# A suffix that looks like a language code: "interpol.al.md", "interpol.sr.md",
# "interpol.sr-Cyrl.md". ISO 639-1 codes, the country codes people confuse
# with them (al, rs, xk), and the three-letter codes of the course's languages.
_ISO639_1 = set("""aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu
lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn
ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw
ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())
LOOKALIKE_CODES = _ISO639_1 | {"al", "rs", "xk", "alb", "sqi", "srp", "eng", "shq", "cnr"}
_LOOKALIKE_RE = re.compile(r"^(?P<stem>[^/]+)\.(?P<code>[A-Za-z]{2,3})(?:[-_](?P<sub>[A-Za-z]{2,4}))?\.md$")


def lookalike_language(path: str) -> str | None:
    """The suffix of a file named like a translation into a language the course
    does not have ("al" in interpol.al.md, "sr" in interpol.sr.md); None for an
    English file or a translation into sq or sr-Latn."""
    if editions.is_translation(path):
        return None
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    m = _LOOKALIKE_RE.match(name)
    if not m or m.group("code").lower() not in LOOKALIKE_CODES:
        return None
    return name[len(m.group("stem")) + 1: -len(".md")]


def near_language(code: str) -> str:
    """The course's language a mistyped code most likely meant."""
    low = code.lower().replace("_", "-")
    if low.startswith(("sr", "rs", "sh", "srp", "cnr")) or "latn" in low:
        return "sr-Latn"
    if low.startswith(("sq", "al", "shq", "xk")):
        return "sq"
    return ""


# --- which English files a translation translates ----------------------------


def english_sources(root: Path, translation: str) -> list[str]:
    """The English files (repository paths) a translated page translates: its
    English page, then each quiz file that page embeds and each shared text it
    includes (in order). For a quiz
    file's translation: the English quiz file."""
    english = editions.english_of(translation)
    out = [english]
    if english.startswith("quizzes/"):
        return out
    f = Path(root) / english
    if f.is_file():
        text = f.read_text(encoding="utf-8", errors="replace")
        for slug in quiz_slugs(text):
            q = f"quizzes/{slug}.md"
            if (Path(root) / q).is_file() and q not in out:
                out.append(q)
        # the shared texts it includes (--8<-- "chooser.md"): their translation is part of it
        lines = text.splitlines()
        for line, code in zip(lines, code_lines(lines)):
            m = None if code else SNIPPET_RE.match(line)
            if m and english.startswith("docs/"):
                shared = f"docs/.snippets/{m.group('name')}"
                if (Path(root) / shared).is_file() and shared not in out:
                    out.append(shared)
    return out


def file_blob(root: Path, rel: str) -> str | None:
    f = Path(root) / rel
    return editions.blob_id(f.read_bytes()) if f.is_file() else None


# --- the translation: block ----------------------------------------------------


@dataclass
class Record:
    """What a translated page's `translation:` block says."""

    sources: dict[str, str] = field(default_factory=dict)  # English path -> blob id
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    present: bool = False  # the page has a translation: block


@dataclass
class BlockProblem:
    key: tuple  # where: ("translation",) or ("translation", "from") ...
    what: str
    fix: str


def read_record(data: dict) -> tuple[Record, list[BlockProblem]]:
    """The record in a translated page's front matter (already parsed), and
    what is malformed in it."""
    rec = Record()
    if "translation" not in data:
        return rec, []
    rec.present = True
    block = data["translation"]
    stamp_fix = "run scripts/translations.py stamp on this file, which writes it"
    if not isinstance(block, dict):
        return rec, [BlockProblem(("translation",), "translation: must hold from:, reviewed_by: and reviewed_on:",
                                  stamp_fix + ", and write reviewed_by: null and reviewed_on: null under it")]
    problems = []
    for key in block:
        if key not in BLOCK_KEYS:
            problems.append(BlockProblem(("translation", key), f'unknown key "{key}" under translation:',
                                         "use only from:, reviewed_by: and reviewed_on:"))
    src = block.get("from")
    if not isinstance(src, dict) or not src:
        problems.append(BlockProblem(("translation", "from"),
                                     "translation: from: does not list the English files and their versions",
                                     stamp_fix))
    else:
        for path, blob in src.items():
            if not isinstance(path, str) or not (isinstance(blob, str) and HEX40_RE.match(blob)):
                problems.append(BlockProblem(("translation", "from"),
                                             f'translation: from: has "{path}: {blob}", which is not an English '
                                             f"file and its 40-character version id", stamp_fix + "; never edit it by hand"))
            else:
                rec.sources[path] = blob
    by, on = block.get("reviewed_by"), block.get("reviewed_on")
    if by is not None and (not isinstance(by, str) or not by.strip()):
        problems.append(BlockProblem(("translation", "reviewed_by"), "reviewed_by: is not a name",
                                     'write the reviewer\'s name and role in quotes, or null if nobody has reviewed it'))
    elif by is not None:
        rec.reviewed_by = by.strip()
    if on is not None and (not isinstance(on, dt.date) or isinstance(on, dt.datetime)):
        problems.append(BlockProblem(("translation", "reviewed_on"), "reviewed_on: is not a date",
                                     "write the date of the review as YYYY-MM-DD"))
    elif on is not None:
        rec.reviewed_on = on
    if rec.reviewed_by and on is None:
        problems.append(BlockProblem(("translation", "reviewed_by"), "reviewed_by: is set but reviewed_on: is not",
                                     "write the date of the review under it: reviewed_on: YYYY-MM-DD"))
    if on is not None and by is None:
        problems.append(BlockProblem(("translation", "reviewed_on"), "reviewed_on: is set but reviewed_by: is not",
                                     "write the reviewer's name and role in reviewed_by:, or set both to null"))
    return rec, problems


# --- behind or up to date -------------------------------------------------------


@dataclass
class Behind:
    english: str  # the English file that changed
    recorded: str | None  # the blob id recorded (None: the file is not recorded)
    current: str | None  # its blob id today (None: it no longer exists)


def behind(root: Path, translation: str, rec: Record) -> list[Behind]:
    """The English files that changed since the translation was made."""
    out = []
    wanted = english_sources(root, translation)
    for english in wanted:
        now = file_blob(root, english)
        if rec.sources.get(english) != now:
            out.append(Behind(english, rec.sources.get(english), now))
    for english, blob in rec.sources.items():  # a quiz the page no longer embeds
        if english not in wanted:
            out.append(Behind(english, blob, file_blob(root, english)))
    return out


def git_blob(root: Path, blob: str) -> str | None:
    """The text of a blob, or None when git does not have it (or there is no git)."""
    if not HEX40_RE.match(blob or ""):
        return None
    try:
        r = subprocess.run(["git", "cat-file", "blob", blob], cwd=root, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout.decode("utf-8", errors="replace") if r.returncode == 0 else None


def git_store(root: Path, text: bytes) -> bool:
    """Store a blob in the repository's object database (so `diff` works later)."""
    try:
        r = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=root, input=text,
                           capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


def changed_ranges(old: str, new: str) -> list[tuple[int, int]]:
    """The (first, last) line numbers of the new text that differ from the old;
    a deletion is marked at the line where the text was removed."""
    a, b = old.splitlines(), new.splitlines()
    out = []
    for tag, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        first = j1 + 1
        last = max(j2, first)
        out.append((min(first, max(len(b), 1)), min(last, max(len(b), 1))))
    merged: list[tuple[int, int]] = []
    for r in out:
        if merged and r[0] <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], r[1]))
        else:
            merged.append(r)
    return merged


def describe_ranges(ranges: list[tuple[int, int]], shown: int = 2) -> str:
    words = [f"line {a}" if a == b else f"lines {a}-{b}" for a, b in ranges]
    if len(words) > shown:
        return ", ".join(words[:shown]) + f" and {len(words) - shown} more"
    return " and ".join(words)


def describe_behind(root: Path, b: Behind) -> str:
    """What changed in one English file, in a trainer's words."""
    if b.current is None:
        return f"{b.english} no longer exists or is no longer embedded"
    if b.recorded is None:
        return f"{b.english} is not recorded as translated"
    old = git_blob(root, b.recorded)
    if old is None:
        return f"{b.english} changed since it was translated (git does not have the version translated, " \
               f"so the changed lines are not known)"
    new = (Path(root) / b.english).read_text(encoding="utf-8", errors="replace")
    ranges = changed_ranges(old, new)
    if not ranges:
        return f"{b.english} changed since it was translated (only line endings or white space at the end)"
    return f"{b.english} changed since it was translated ({describe_ranges(ranges)})"


def unified_diff(root: Path, b: Behind) -> tuple[str | None, str]:
    """(diff text, or None with a reason) of one English file since translation."""
    if b.current is None:
        return None, f"{b.english} does not exist any more"
    new = (Path(root) / b.english).read_text(encoding="utf-8", errors="replace")
    if b.recorded is None:
        return None, f"{b.english} is not recorded in the translation: translate it as a whole, then stamp"
    old = git_blob(root, b.recorded)
    if old is None:
        return None, (f"git does not have the version of {b.english} that was translated ({b.recorded}): "
                      "compare the translation with the whole English file, then stamp")
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), f"{b.english} (translated version)",
                                 f"{b.english} (today)", lineterm="", n=2)
    return "\n".join(lines), ""


# --- every translation of the course ---------------------------------------------


def _record(src) -> Record | None:
    if src.fm is None:
        return None
    rec, _ = read_record(src.fm.data)
    return rec


def states(root: Path, course=None) -> list[dict]:
    """One entry per translated page: path, lang, behind (list of text), reviewed."""
    from . import model

    course = course or model.load(root)
    out = []
    for doc_path, src in sorted(course.translations.items()):
        english, lang = editions.split(doc_path)
        rec = _record(src)
        state = {"path": src.path, "lang": lang, "english": f"{course.docs.name}/{english}",
                 "behind": [], "problem": None, "reviewed_by": None, "reviewed_on": None}
        if english not in course.pages:
            state["problem"] = f"its English page {course.docs.name}/{english} does not exist"
        elif rec is None:
            state["problem"] = "its front matter cannot be read (run make check)"
        elif not rec.present or not rec.sources:
            state["problem"] = "not stamped: it does not record which English version it translates"
        else:
            state["behind"] = [describe_behind(root, b) for b in behind(root, src.path, rec)]
            state["reviewed_by"], state["reviewed_on"] = rec.reviewed_by, rec.reviewed_on
        out.append(state)
    return out


def untranslated(course) -> dict[str, int]:
    have = {editions.split(d) for d in course.translations}
    return {lang: sum(1 for d in course.pages if (d, lang) not in have) for lang in editions.TRANSLATED}



# --- stamp: write from: into the front matter text ------------------------------

_KEY_RE = re.compile(r"^(?P<indent> *)(?P<key>[^\s#:][^:]*?):(?P<rest>(?:\s.*)?)$")


class StampError(Exception):
    pass


def _front_matter_end(lines: list[str]) -> int:
    if not lines or lines[0].strip() != "---":
        raise StampError("the file has no front matter (it must start with a --- line)")
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return i
    raise StampError("the front matter is never closed (add a --- line after the last key)")


def _block_end(lines: list[str], start: int, end: int, indent: int) -> int:
    """The index after the last line belonging to the key at `start` (deeper lines,
    blank lines and comments inside it)."""
    last = start
    for i in range(start + 1, end):
        s = lines[i]
        if not s.strip() or s.lstrip().startswith("#"):
            continue
        if len(s) - len(s.lstrip(" ")) > indent:
            last = i
        else:
            break
    return last + 1


def _comment(rest: str) -> str:
    m = re.search(r"\s+#.*$", rest)
    return m.group(0) if m else ""


def _value(blob: str) -> str:
    """A blob id as YAML reads it back as text: one of digits only (or 0b..., 0o...)
    would be read as a number, so it is quoted."""
    return f'"{blob}"' if re.fullmatch(r"[0-9]+|0[box][0-9a-f]*", blob) else blob


def stamp_text(text: str, sources: dict[str, str]) -> str:
    """The file's text with translation: from: set to `sources`, every other
    line untouched (a translation: block is added when there is none)."""
    sources = {p: _value(b) for p, b in sources.items()}
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text.removeprefix("\ufeff").split(newline)
    end = _front_matter_end(lines)
    t = next((i for i in range(1, end) if (m := _KEY_RE.match(lines[i])) and not m.group("indent")
              and m.group("key") == "translation"), None)
    if t is None:
        block = ["translation:", "  from:"] + [f"    {p}: {b}" for p, b in sources.items()] + \
                ["  reviewed_by: null", "  reviewed_on: null"]
        lines[end:end] = block
        return bom + newline.join(lines)
    rest = _KEY_RE.match(lines[t]).group("rest")
    if rest.split("#", 1)[0].strip():
        raise StampError(f"line {t + 1}: translation: is written on one line; write it as a block, "
                         "with from:, reviewed_by: and reviewed_on: each on a line of its own under it")
    t_end = _block_end(lines, t, end, 0)
    children = [i for i in range(t + 1, t_end) if _KEY_RE.match(lines[i])]
    child_indent = (len(lines[children[0]]) - len(lines[children[0]].lstrip(" "))) if children else 2
    f = next((i for i in children if _KEY_RE.match(lines[i]).group("key") == "from"
              and len(lines[i]) - len(lines[i].lstrip(" ")) == child_indent), None)
    pad = " " * child_indent
    if f is None:
        lines[t + 1:t + 1] = [f"{pad}from:"] + [f"{pad}  {p}: {b}" for p, b in sources.items()]
        return bom + newline.join(lines)
    f_end = _block_end(lines, f, t_end, child_indent)
    f_rest = _KEY_RE.match(lines[f]).group("rest")
    entries = [i for i in range(f + 1, f_end) if _KEY_RE.match(lines[i])]
    entry_pad = (" " * (len(lines[entries[0]]) - len(lines[entries[0]].lstrip(" ")))) if entries else pad + "  "
    new_from = [f"{pad}from:{_comment(f_rest)}" if f_rest.split("#", 1)[0].strip() else lines[f]]
    kept: dict[str, str] = {}  # path -> its line, with the new value and its own comment
    other = []  # comment lines inside from:
    for i in range(f + 1, f_end):
        m = _KEY_RE.match(lines[i])
        if m and m.group("key").strip() in sources:
            key = m.group("key").strip()
            kept[key] = f"{entry_pad}{key}: {sources[key]}{_comment(m.group('rest'))}"
        elif not m and lines[i].strip():
            other.append(lines[i])
    new_from += other + [kept.get(p, f"{entry_pad}{p}: {b}") for p, b in sources.items()]
    # blank lines that ended the old block stay after it
    tail = []
    k = f_end - 1
    while k > f and not lines[k].strip():
        tail.insert(0, lines[k])
        k -= 1
    lines[f:f_end] = new_from + tail
    return bom + newline.join(lines)


def stamp(root: Path, translation: str) -> tuple[str, dict[str, str]]:
    """The new text of a translated page with from: recorded for today's
    English files, and that mapping. Checks that nothing else changed."""
    from . import frontmatter

    root = Path(root)
    english = editions.english_of(translation)
    if not editions.is_translation(translation):
        raise StampError(f"{translation} is not a translation (its name must end in "
                         f".{'.md, .'.join(editions.TRANSLATED)}.md)")
    if english.startswith("quizzes/"):
        page = english.replace("quizzes/", "", 1)
        raise StampError(f"{translation} is a quiz file: stamp the translated page that embeds it "
                         f"(the page that has <!-- quiz: {page[:-3]} -->), which records the quiz's version too")
    f = root / translation
    if not f.is_file():
        raise StampError(f"{translation} does not exist")
    sources = {}
    for src in english_sources(root, translation):
        data = (root / src).read_bytes() if (root / src).is_file() else None
        if data is None:
            raise StampError(f"{src}, the English file {translation} translates, does not exist")
        sources[src] = editions.blob_id(data)
        git_store(root, data)
    text = f.read_bytes().decode("utf-8")
    new = stamp_text(text, sources)
    try:
        before, after = frontmatter.split(text).data, frontmatter.split(new).data
    except frontmatter.FrontMatterError as err:
        raise StampError(f"line {err.line}: {err.what}; {err.fix}") from None
    got = after.get("translation", {}) or {}
    old_rest = {k: v for k, v in (before.get("translation") or {}).items() if k != "from"} \
        if isinstance(before.get("translation"), dict) else {}
    want_rest = old_rest or {"reviewed_by": None, "reviewed_on": None}
    if (got.get("from") != sources or {k: v for k, v in got.items() if k != "from"} != want_rest
            or {k: v for k, v in after.items() if k != "translation"} != {k: v for k, v in before.items()
                                                                          if k != "translation"}):
        raise StampError("the front matter's translation: block is laid out in a way the stamp cannot edit "
                         "safely; write it as in the trainer guide (docs/trainers/translating.md)")
    return new, sources
