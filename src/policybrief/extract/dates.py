"""Date expressions in a sentence, resolved to ISO dates at their own precision.

Recognised (`find_atoms`), in priority order (earlier kinds win overlaps):
- explicit dates: "2022-03-21", "21 March 2022", "August 31, 2020", "March 2022", day spans
  ("Sept. 5-6, 2023"), quarters ("Q3 2023" -> 2023-07/2023-09), year spans ("2012-14"), parts
  of a year ("early 2019", "the fall of 2019": year precision), bare years;
- dates missing their year: "On 21 March", "in April", "the December summit", "the 5th";
- dates relative to the publication date: "last week" (in a month's first week, the month before
  and the publication month), "this year", "in May this year",
  "last autumn", "two years ago", "yesterday", "last night", "on Thursday" (the last such day
  up to a day-precise publication date; not after a capitalised word: "Black Friday");
- dates relative to an earlier date of the text: "two years later", "a month earlier",
  "the following year", "three days after".
Resolved (`resolve`): a yearless date takes the latest year of the nearest earlier sentence of
its paragraph that names one, else the publication year (moved back a year if it would lie
after publication); an offset counts from the nearest earlier date of the paragraph, at that
date's precision. Each date records its `basis`: explicit, context (from the text) or
publication (from the registry's publication date).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..conventions import FULL_MONTH_RE, MONTH_RE, MONTHS, YEAR_RE
from .numbers import NUMBER_WORD_RE, word_number, years_in

EXPLICIT, CONTEXT, PUBLICATION = "explicit", "context", "publication"
PRECISIONS = ("year", "month", "day")
_Y, _D = YEAR_RE, r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PART = (
    r"(?:(?:the\s+)?(?:end|start|beginning|middle|first half|second half|first quarter|last quarter)\s+of\s+|"
    r"(?:the\s+)?(?:fall|spring|summer|autumn|winter)\s+(?:of\s+)?|(?:early|late|mid)[-\s]+)"
)
_N = rf"(?:a|an|one|{NUMBER_WORD_RE}|\d+)"
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# Days named relative to the publication day.
_DAY_WORDS = {
    "today": 0,
    "this morning": 0,
    "tonight": 0,
    "earlier today": 0,
    "earlier in the day": 0,
    "yesterday": 1,
    "last night": 1,
}

_PATTERNS = [
    ("iso", rf"\b(?P<y>{_Y})-(?P<mm>0[1-9]|1[0-2])-(?P<dd>[0-2]\d|3[01])\b"),
    ("days", rf"\b(?P<m>{MONTH_RE})\s+(?P<d>{_D})\s*[–-]\s*(?P<d2>{_D})\b(?:,?\s+(?P<y>{_Y}))?"),
    ("days", rf"\b(?P<d>{_D})\s*[–-]\s*(?P<d2>{_D})\s+(?P<m>{MONTH_RE})(?!\w)(?:,?\s+(?P<y>{_Y}))?"),
    (
        "quarter",
        rf"\b(?:Q(?P<q>[1-4])|(?:the\s+)?(?P<qw>first|second|third|fourth|last)\s+quarter\s+of)\s+(?P<y>{_Y})",
    ),
    ("yy", rf"(?<![\d.,$¥€£/-])(?P<y>{_Y})\s*[–-]\s*(?P<y2>{_Y}|\d{{2}})(?![\d%])"),
    ("dmy", rf"\b(?P<d>{_D})\s+(?:of\s+)?(?P<m>{MONTH_RE}),?\s+(?P<y>{_Y})"),
    ("mdy", rf"\b(?P<m>{MONTH_RE})\s+(?P<d>{_D}),?\s+(?P<y>{_Y})"),
    ("my", rf"\b(?:(?:early|late|mid)[-\s]+)?(?P<m>{MONTH_RE}),?\s+(?:of\s+)?(?P<y>{_Y})"),
    ("m_rel", rf"\b(?P<m>{FULL_MONTH_RE})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b"),
    ("dm", rf"\b(?P<d>{_D})\s+(?:of\s+)?(?P<m>{MONTH_RE})(?!\w)"),
    ("md", rf"\b(?P<m>{MONTH_RE})\s+(?P<d>{_D})\b(?!\s*(?:%|percent|per cent|[.,]\d))"),
    ("party", rf"\b{_PART}(?P<y>{_Y})"),
    ("y", rf"(?<![\d.,$¥€£/-])(?P<y>{_Y})(?!\s*(?:%|percent\b))"),
    ("m", rf"\b(?:(?:early|late|mid)[-\s]+)?(?P<m>{FULL_MONTH_RE})\b"),
    ("ordinal", r"\bthe\s+(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:century|anniversary|of\b))"),
    (
        "offset",
        rf"(?i)\b(?P<n>{_N})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier|before|after|ago)\b",
    ),
    ("following", r"(?i)\b(?P<dir>the following|the next|the previous)\s+(?P<unit>day|week|month|year)\b"),
    ("season", r"(?i)\b(?P<rel>last|this)\s+(?P<season>spring|summer|autumn|fall|winter)\b"),
    ("rel", r"(?i)\b(?P<rel>last|this|next|earlier this|later this)\s+(?P<unit>week|month|year)\b"),
    ("dayword", rf"(?i)\b(?P<word>{'|'.join(sorted(_DAY_WORDS, key=len, reverse=True))})\b"),
    ("weekday", r"(?i)\b(?P<last>on |last )?(?P<wd>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"),
]
_ATOMS = [(kind, re.compile(pattern)) for kind, pattern in _PATTERNS]
# A bare month dates something after a preposition ("in April"), before a noun after a determiner
# ("the December summit"), or opening a range ("February to March 2014"). "May" is also a verb.
_MONTH_AFTER = re.compile(
    r"\b(?:in|on|since|until|till|by|from|through|during|of|early|late|mid|end of|start of|beginning of)"
    r"[-\s]+$",
    re.I,
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|last|next|that)\s+$", re.I)
_NOUN_AFTER = re.compile(r"^\s+(?!of\b|and\b|or\b|to\b)[A-Za-z][\w-]*")
_MONTH_RANGE_NEXT = re.compile(
    rf"^\s*(?:to|through|until|till|–|-)\s*(?:early\s+|late\s+|mid-)?{FULL_MONTH_RE}\b"
)
_CONNECT = re.compile(r"^\s*(?:to|through|until|till|and|or|–|—|-)\s*(?:the\s+)?$")
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.I)
# Cheap pre-check: a sentence without any of these holds no date expression.
MAYBE_DATE = re.compile(
    rf"\d|{MONTH_RE}|\b(?:weeks?|months?|years?|yesterday|tonight|night|morning|\w*day|spring|summer|autumn|fall|winter)\b",
    re.I,
)


@dataclass
class Atom:
    start: int
    end: int
    kind: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    precision: str = "year"
    basis: str = EXPLICIT
    offset: tuple[int, str] | None = None  # (n, unit) from the nearest earlier date of the text
    y2: int | None = None  # end year of a "2012-2014" span
    d2: int | None = None  # end day of a "Sept. 5-6" span
    m2: int | None = None  # end month of a quarter

    @property
    def needs_anchor(self) -> bool:
        return self.y is None


def publication(published: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in published.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def _count(word: str) -> int:
    word = word.lower()
    return 1 if word in ("a", "an", "one") else int(word) if word.isdigit() else int(word_number(word))


def _after_name(before: str) -> bool:
    """ "Black Friday", "Bloody Sunday": a weekday after a capitalised word names something."""
    words = before.split()
    return bool(words) and words[-1][:1].isupper() and not words[-1].endswith((".", ":", ","))


def _shift(y: int, m: int, d: int | None, n: int, unit: str) -> tuple[int, int, int | None]:
    """(y, m, d) moved by n units (negative: back), the day clipped to the month's length."""
    if unit in ("day", "week"):
        day = date(y, m, d or 1) + timedelta(days=n * (7 if unit == "week" else 1))
        return day.year, day.month, day.day if d else None
    months = y * 12 + (m - 1) + n * (12 if unit == "year" else 1)
    y, m = divmod(months, 12)
    return y, m + 1, min(d, calendar.monthrange(y, m + 1)[1]) if d else None


def _explicit(atom: Atom, g: dict, kind: str) -> bool:
    """Fill an atom that names its own date; False when the match is no date after all."""
    if g.get("y"):
        atom.y = int(g["y"])
    if g.get("m"):
        atom.m = MONTHS[g["m"].lower().rstrip(".")]
    if g.get("d"):
        atom.d = int(re.sub(r"\D", "", g["d"]))
    if kind == "iso":
        atom.m, atom.d = int(g["mm"]), int(g["dd"])
    if kind == "days":
        atom.d2 = int(re.sub(r"\D", "", g["d2"]))
        return atom.d2 > atom.d
    if kind == "quarter":
        words = ["first", "second", "third", "fourth"]
        n = int(g["q"]) if g.get("q") else words.index(g["qw"].lower().replace("last", "fourth")) + 1
        atom.m, atom.m2 = 3 * n - 2, 3 * n
    if kind == "yy":
        y2 = int(g["y2"] if len(g["y2"]) == 4 else g["y"][:2] + g["y2"])
        atom.y2 = y2
        return y2 > atom.y
    return True


def _bare_month_is_date(sentence: str, start: int, end: int, match) -> bool:
    before, month = sentence[:start] + match.group()[: -len(match.group("m"))], match.group("m")
    if _MONTH_AFTER.search(before) or _MONTH_RANGE_NEXT.match(sentence[end:]):
        return True
    return month != "May" and bool(_DETERMINER_BEFORE.search(before) and _NOUN_AFTER.match(sentence[end:]))


def _relative(atom: Atom, g: dict, kind: str, sentence: str, published: str) -> bool:
    """Fill an atom dated relative to publication or to an earlier date; False to drop it."""
    py, pm, pd_ = publication(published)
    atom.basis = PUBLICATION
    if kind == "m_rel":
        atom.m = MONTHS[g["m"].lower()]
        atom.y = py + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
    elif kind == "ordinal":  # "the 5th": the day of the month of the nearest earlier date
        atom.d, atom.basis = int(g["d"]), CONTEXT
    elif kind in ("offset", "following"):
        n = _count(g["n"]) if kind == "offset" else 1
        direction = g["dir"].lower().split()[-1]
        n = -n if direction in ("earlier", "before", "ago", "previous") else n
        unit = g["unit"].lower()
        if direction == "ago":  # from publication, at the precision the unit allows
            if unit in ("day", "week") and pd_ is None:
                return False
            y, m, d = _shift(py, pm or 1, pd_ if unit in ("day", "week") else None, n, unit)
            atom.y, atom.m, atom.d = y, (m if pm and unit != "year" else None), d
        else:
            if direction in ("after", "before") and re.match(r"\s+[A-Za-z]", sentence[atom.end :]):
                n = -n  # "started Tuesday, a week after Japan imposed sanctions": they came a week earlier
            atom.offset, atom.basis = (n, unit), CONTEXT
    elif kind == "season":  # "last autumn": the latest autumn begun before the publication month
        begun_this_year = pm is not None and _SEASON_START[g["season"].lower()] < pm
        atom.y = py - (1 if g["rel"].lower() == "last" and not begun_this_year else 0)
    elif kind == "rel":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        shift = -1 if rel == "last" else (1 if rel == "next" else 0)
        if unit == "year":
            atom.y = py + shift
        elif pm is None:
            return False
        elif unit == "month":
            atom.y, atom.m = py + (pm + shift - 1) // 12, (pm + shift - 1) % 12 + 1
        else:  # a week back or forward stays in the (month-precision) publication month ...
            atom.y, atom.m = py, pm
            if shift == -1 and pd_ is not None and pd_ <= 7 and pm > 1:  # ... or "last week" on 3 March
                atom.m, atom.m2 = pm - 1, pm  # is late February or early March
    else:  # a day word or a weekday: the publication date at its own precision
        named = kind == "weekday" and not g.get("last") and _after_name(sentence[: atom.start])
        if pm is None or named:  # "Black Friday" names a day; "Tokyo on Wednesday" dates one
            return False
        atom.y, atom.m = py, pm
        if pd_ is not None:
            pub = date(py, pm, pd_)
            if kind == "dayword":
                back = _DAY_WORDS[g["word"].lower()]
            else:  # news convention: the last such weekday up to publication
                back = (pub.weekday() - _WEEKDAYS.index(g["wd"][:3].lower())) % 7
                back = back or (7 if (g.get("last") or "").lower().startswith("last") else 0)
            day = pub - timedelta(days=back)
            atom.y, atom.m, atom.d = day.year, day.month, day.day
    return True


def find_atoms(sentence: str, published: str) -> list[Atom]:
    taken: list[tuple[int, int]] = []
    found: list[Atom] = []
    for kind, rx in _ATOMS:
        for match in rx.finditer(sentence):
            s, e = match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g, atom = match.groupdict(), Atom(s, e, kind)
            if kind in ("m_rel", "ordinal", "offset", "following", "season", "rel", "dayword", "weekday"):
                keep = _relative(atom, g, kind, sentence, published)
            else:
                keep = _explicit(atom, g, kind) and (
                    kind != "m" or _bare_month_is_date(sentence, s, e, match)
                )
            if not keep:
                continue
            atom.precision = "day" if atom.d else ("month" if atom.m else "year")
            taken.append((s, e))
            found.append(atom)
    return sorted(found, key=lambda a: a.start)


def iso(y: int, m: int | None, d: int | None, precision: str) -> str:
    if precision == "year" or m is None:
        return f"{y:04d}"
    if precision == "month" or d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _anchor_year(sentence: str, pos: int, earlier: list[str]) -> int | None:
    """Year a yearless date hangs on: the latest year named in this sentence before `pos`, else in
    the nearest earlier sentence of the paragraph that names one."""
    for text in [sentence[:pos], *reversed(earlier)]:
        ys = [y for _s, _e, y in years_in(text)]
        if ys:
            return max(ys)
    return None


def _anchor_date(sentence: str, pos: int, earlier: list[str], published: str) -> Atom | None:
    """The nearest earlier date that an offset counts from; one without a year ("On August 5")
    takes the publication year, moved back a year if it would lie after publication."""
    py, pm, _ = publication(published)
    for text in [sentence[:pos], *reversed(earlier)]:
        dated = [a for a in find_atoms(text, published) if a.offset is None and (a.y is not None or a.m)]
        if dated:
            anchor = dated[-1]
            if anchor.y is None:
                anchor.y = py - (1 if (py, anchor.m) > (py, pm or 12) else 0)
            return anchor
    return None


def _with_anchor(
    a: Atom, sentence: str, earlier: list[str], before: list[str], published: str
) -> Atom | None:
    """Give a yearless or offset date its year (and month) from the text or the publication date.
    earlier: the paragraph's earlier sentences; before: every earlier sentence of the article
    (an offset or "the 5th" refers to the latest date named, whatever its paragraph)."""
    py, pm, _ = publication(published)
    if a.offset is not None or a.kind == "ordinal":
        anchor = _anchor_date(sentence, a.start, before, published)
        if anchor is None or (a.kind == "ordinal" and anchor.m is None):
            return None
        if a.kind == "ordinal":
            return replace(a, y=anchor.y, m=anchor.m, precision="day")
        n, unit = a.offset
        if unit in ("day", "week") and anchor.d is None:
            return None  # "a week later" than a month: no honest day to give
        y, m, d = _shift(anchor.y, anchor.m or 1, anchor.d, n, unit)
        precision = anchor.precision
        return replace(a, y=y, m=m if anchor.m else None, d=d, precision=precision)
    year = _anchor_year(sentence, a.start, earlier)
    basis = CONTEXT
    if year is None:
        year, basis = py, PUBLICATION
    if (year, a.m or 0) > (py, pm or 12):
        year -= 1
    return replace(a, y=year, basis=basis)


def resolve(
    atoms: list[Atom], sentence: str, earlier: list[str], published: str, before: list[str] | None = None
) -> list[tuple[Atom, str, str]]:
    """(surface atom, ISO date, precision) per date expression, ranges merged; the atom carries its basis."""
    out = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        between = sentence[a.end : b.start] if b else ""
        joined = (
            b is not None and a.basis != PUBLICATION and b.basis != PUBLICATION and _CONNECT.match(between)
        )
        opener = _RANGE_OPEN.search(sentence[: a.start])
        if joined and b.y is not None and a.needs_anchor and a.offset is None:
            a = replace(a, y=b.y - (1 if a.m and b.m and a.m > b.m else 0))  # "September and October 2014"
        if a.needs_anchor:
            a = _with_anchor(a, sentence, earlier, earlier if before is None else before, published)
            if a is None:
                i += 1
                continue
        is_range = joined and (
            between.strip() not in ("and", "or") or (opener and "between" in opener.group().lower())
        )
        if is_range and b.y is not None:
            prec = min(a.precision, b.precision, key=PRECISIONS.index)
            surface = Atom(opener.start() if opener else a.start, b.end, "range", basis=a.basis)
            out.append((surface, f"{iso(a.y, a.m, a.d, prec)}/{iso(b.y, b.m, b.d, prec)}", prec))
            i += 2
            continue
        if a.d2 is not None:
            out.append((a, f"{iso(a.y, a.m, a.d, 'day')}/{iso(a.y, a.m, a.d2, 'day')}", "day"))
        elif a.m2 is not None:
            out.append((a, f"{iso(a.y, a.m, None, 'month')}/{iso(a.y, a.m2, None, 'month')}", "month"))
        elif a.y2 is not None:
            out.append((a, f"{a.y:04d}/{a.y2:04d}", "year"))
        else:
            out.append((a, iso(a.y, a.m, a.d, a.precision), a.precision))
        i += 1
    return [_calendar_checked(atom, value, prec) for atom, value, prec in out]


def _calendar_checked(atom, value: str, precision: str):
    """A day the calendar does not have ("September 31") is a slip of the source: keep its month."""
    if precision != "day":
        return atom, value, precision
    try:
        for part in value.split("/"):
            date.fromisoformat(part)
    except ValueError:
        return atom, "/".join(dict.fromkeys(part[:7] for part in value.split("/"))), "month"
    return atom, value, precision
