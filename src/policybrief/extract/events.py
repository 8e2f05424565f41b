"""Dated events: each date expression that dates a reported happening, normalised to ISO at
its own precision, with the clause around it as description.

Rules (regex + calendar logic, ~15 ms per article; dateparser's search was not adopted or
measured here: the issue reports it slow and over-eager, and the resolution rules below, from
context year to publication date, would have to be rebuilt around it anyway):
- Date atoms: "21 March 2022", "August 31, 2020", "March 2022", "On 21 March", "in early 2019",
  "the fall of 2019" (seasons and early/mid/late give year precision), day spans ("Sept. 5-6,
  2023", day precision), quarters ("Q3 2023" -> "2023-07/2023-09", month precision), bare years,
  bare month names after a preposition ("in April"), and relative expressions ("last week",
  "this year" against the publication date; a weekday, "on Thursday" or "reported Wednesday", is
  the last such day up to a day-precise publication date, not after a capitalised word as in
  "Black Friday"; "a year later" against the nearest preceding year). "Today" inside a
  quotation is the speaker's "nowadays" and is skipped.
- Two atoms joined by to/through/until/a dash, or "between A and B", form a range
  ("2012-12/2014-12", at the coarser precision of the two ends; "X to present" is X).
  "September and October 2014" gives two dates sharing the year.
- A month or day without a year takes the latest year of the nearest earlier sentence of the
  same paragraph that names one (the year a narrative paragraph is about; the latest one because a
  sentence like "more intense in 2022 than in 2014" is about 2022), else the publication year;
  it is moved back one year if it would lie after publication. This deliberately narrows the
  article-wide "nearest preceding year": across paragraph breaks that year belongs to another
  story and was wrong on the development seeds.
- Not events: comparison bases ("compared to 2012", "than in 2014"), dates after "for",
  "before"/"prior to", dates in a clause announcing a plan or expectation ("plans to",
  "expected to", "scheduled", "will"), dates in a year after publication (compared by year, as a
  registry date may be a lower bound), a bare year counting a plural noun ("2000 troops"), and
  years that are part of a document's name ("the 1956 Joint Declaration", "the Declaration of
  1956", "a 1956 joint declaration"). A year naming a happening ("the 2022 NATO summit in Madrid",
  "Russia's 2014 invasion")
  is kept: the article reports it.
- Description: the comma/semicolon/dash clause holding the date, widened by neighbouring clauses
  until it has at least eight words (an opening "In March 2022," joins the clause after it), cut
  to a window of at most thirty words around the date, and never with an unbalanced bracket.
  Actors: canonical names of the mentions inside the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..conventions import FULL_MONTH_RE, MONTH_RE, MONTHS, YEAR_RE
from .numbers import (
    CLAUSE_BREAK,
    NUMBER_WORD_RE,
    doc_text,
    is_comparison_base,
    paragraph_start,
    pieces,
    word_number,
    years_in,
)
from .quotes import quoted_spans

_Y = YEAR_RE
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PART = (
    r"(?:(?:the\s+)?(?:end|start|beginning|middle|first half|second half|first quarter|last quarter)\s+of\s+|"
    r"(?:the\s+)?(?:fall|spring|summer|autumn|winter)\s+(?:of\s+)?|(?:early|late|mid)[-\s]+)"
)
_FULL_MONTH = FULL_MONTH_RE

# (kind, pattern) in priority order; earlier kinds win overlaps.
_ATOMS = [
    (kind, re.compile(p, re.I if kind == "relative" else 0))
    for kind, p in [
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
        ("dm", rf"\b(?P<d>{_D})\s+(?:of\s+)?(?P<m>{MONTH_RE})(?!\w)"),
        ("md", rf"\b(?P<m>{MONTH_RE})\s+(?P<d>{_D})\b(?!\s*(?:%|percent|per cent|[.,]\d))"),
        ("party", rf"\b{_PART}(?P<y>{_Y})"),
        ("y", rf"(?<![\d.,$¥€£/-])(?P<y>{_Y})(?!\s*(?:%|percent\b))"),  # "2000 troops": see _COUNT_NOT_YEAR
        ("m", rf"\b(?:(?:early|late|mid)[-\s]+)?(?P<m>{_FULL_MONTH})\b"),
        (
            "relative",
            rf"\b(?:(?P<rel>last|this|next|earlier this|later this)\s+(?P<unit>week|month|year)|"
            rf"(?P<n>a|an|{NUMBER_WORD_RE}|\d+)\s+(?P<unit2>year|month)s?\s+later|"
            rf"(?P<rel2>the following|the next|the previous) (?P<unit3>year)|"
            rf"(?P<day>yesterday|today|(?:on |last )?(?P<wd>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day))\b",
        ),
    ]
]
# A bare month only dates something after a preposition ("in April"; "On 21 March" is a "dm" atom) ...
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|on|since|until|till|by|from|through|during|of|early|late|mid|end of|"
    r"start of|beginning of)[-\s]+$",
    re.I,
)
# ... or opens a range whose other end names a month ("February to March 2014").
_MONTH_RANGE_NEXT = re.compile(
    rf"^\s*(?:to|through|until|till|–|-)\s*(?:early\s+|late\s+|mid-)?{_FULL_MONTH}\b"
)
_CONNECT = re.compile(r"^\s*(?:to|through|until|till|and|or|–|—|-)\s*(?:the\s+)?$")
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.I)
_DOC_NAMES = (
    r"(?:Declaration|Treaty|Pact|Agreement|Accord|Act|Statement|Charter|Constitution|Plan|Strategy|Law|"
    r"Convention|Communiqu[eé]|Protocol|Doctrine|Guidelines|White Paper|Bluebook|Yearbook|Report)"
)
_NAME_AFTER = re.compile(rf"^\s+(?:[A-Z][\w’'–-]*\s+){{0,4}}{_DOC_NAMES}\b")
_NAME_BEFORE = re.compile(rf"\b{_DOC_NAMES}\s+of\s+$")
_NOT_EVENT_BEFORE = re.compile(
    r"\b(?:for|before|prior to|ahead of)\s+(?:the\s+)?(?:early\s+|late\s+|mid-)?$", re.I
)
_FUTURE = re.compile(
    r"\b(?:plans?|planned|planning) to\b|\bscheduled\b|\bexpected to\b|\bwill\b|\bis to\b", re.I
)
# A bare year before a plural noun, with no preposition or determiner before it, counts things.
_COUNT_NOT_YEAR = re.compile(
    r"^\s+(?!(?:exports|imports|sales|figures|elections|earnings|results|prices|levels)\b)"
    r"[a-z]+s\b"
)  # "2023 exports fell" is dated: a statistic's year
_YEAR_LEAD = re.compile(
    r"\b(?:in|since|by|until|till|from|of|after|before|during|the|its|their|his|her|this|that)"
    r"\s+$|['’]s\s+$",
    re.I,
)
_CLAUSE_MIN_WORDS = 8
_CLAUSE_MAX_WORDS = 30
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# "a 1956 joint declaration", "the 2022 agreement": lower-case document names after an article.
_LOWER_NAME = re.compile(rf"^\s+(?:[a-z-]+\s+){{0,2}}(?i:{_DOC_NAMES})\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$", re.I)


def _after_name(before: str) -> bool:
    """ "Black Friday", "Bloody Sunday": a weekday after a capitalised word names something."""
    words = before.split()
    return bool(words) and words[-1][:1].isupper() and not words[-1].endswith((".", ":", ","))


# Cheap pre-check: a sentence without any of these holds no date expression.
_MAYBE_DATE = re.compile(rf"\d|{MONTH_RE}|\b(?:weeks?|months?|years?|yesterday|\w*day)\b", re.I)


@dataclass
class _Atom:
    start: int
    end: int
    kind: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    precision: str = "year"
    needs_year: bool = False
    later: int | None = None  # "two years later": offset from the anchor year
    y2: int | None = None  # end year of a "2012-2014" span
    d2: int | None = None  # end day of a "Sept. 5-6" span
    m2: int | None = None  # end month of a quarter


def _pub(published: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in published.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def _atoms(sentence: str, published: str) -> list[_Atom]:
    taken: list[tuple[int, int]] = []
    found: list[_Atom] = []
    py, pm, _pd = _pub(published)
    for kind, rx in _ATOMS:
        for mt in rx.finditer(sentence):
            s, e = mt.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = mt.groupdict()
            atom = _Atom(s, e, kind)
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
                if atom.d2 <= atom.d:
                    continue
            if kind == "quarter":
                n = (
                    int(g["q"])
                    if g.get("q")
                    else ["first", "second", "third", "fourth"].index(
                        g["qw"].lower().replace("last", "fourth")
                    )
                    + 1
                )
                atom.m, atom.m2 = 3 * n - 2, 3 * n
            if kind == "yy":
                y2 = g["y2"] if len(g["y2"]) == 4 else g["y"][:2] + g["y2"]
                if int(y2) <= atom.y:
                    continue
                atom.y2 = int(y2)
            if kind == "m" and not (
                _MONTH_CONTEXT.search(sentence[:s] + mt.group()[: -len(g["m"])])
                or _MONTH_RANGE_NEXT.match(sentence[e:])
            ):
                continue
            if kind == "relative":
                unit = g.get("unit") or g.get("unit2") or g.get("unit3")
                if g.get("n"):
                    n = (
                        1
                        if g["n"].lower() in ("a", "an")
                        else (int(g["n"]) if g["n"].isdigit() else int(word_number(g["n"])))
                    )
                    if unit != "year":
                        continue
                    atom.later, atom.needs_year = n, True
                elif g.get("day"):  # a weekday or today/yesterday: the publication date at its own precision
                    if pm is None or (g["day"][:1].isupper() and _after_name(sentence[:s])):
                        continue
                    atom.y, atom.m = py, pm
                    if _pd is not None:  # news convention: a weekday is the last such day up to publication
                        word = g["day"].lower().split()[-1]
                        pub = date(py, pm, _pd)
                        back = {"today": 0, "yesterday": 1}.get(word)
                        if back is None:
                            back = (pub.weekday() - _WEEKDAYS.index(word[:3])) % 7 or (
                                7 if g["day"].lower().startswith("last") else 0
                            )
                        day = pub - timedelta(days=back)
                        atom.y, atom.m, atom.d = day.year, day.month, day.day
                elif g.get("rel2"):
                    atom.later, atom.needs_year = (-1 if g["rel2"] == "the previous" else 1), True
                else:
                    rel = g["rel"].lower()
                    shift = -1 if rel == "last" else (1 if rel == "next" else 0)
                    if unit == "year":
                        atom.y = py + shift
                    elif pm is None:
                        continue
                    elif unit == "month":
                        atom.y, atom.m = py + (pm + shift - 1) // 12, (pm + shift - 1) % 12 + 1
                    else:  # a week back or forward stays in the (month-precision) publication month
                        atom.y, atom.m = py, pm
            atom.precision = "day" if atom.d else ("month" if atom.m else "year")
            atom.needs_year = atom.needs_year or atom.y is None
            taken.append((s, e))
            found.append(atom)
    return sorted(found, key=lambda a: a.start)


def _iso(y: int, m: int | None, d: int | None, precision: str) -> str:
    if precision == "year" or m is None:
        return f"{y:04d}"
    if precision == "month" or d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _anchor_year(sentence: str, pos: int, earlier: list[str], latest: bool) -> int | None:
    """Year a yearless date hangs on: this sentence before `pos`, then earlier sentences of the paragraph."""
    for text in [sentence[:pos], *reversed(earlier)]:
        ys = [y for _s, _e, y in years_in(text)]
        if ys:
            return max(ys) if latest else ys[-1]
    return None


def _is_excluded(sentence: str, a: _Atom) -> bool:
    before, after = sentence[: a.start], sentence[a.end :]
    if a.kind in ("relative",):  # "compared to the same period last year" is a base, not an event
        return is_comparison_base(sentence, a.start)
    if is_comparison_base(sentence, a.start) or _NOT_EVENT_BEFORE.search(before):
        return True
    if a.kind == "y" and (
        _NAME_AFTER.match(after)
        or _NAME_BEFORE.search(before)
        or (_ARTICLE_BEFORE.search(before) and _LOWER_NAME.match(after))
        or (_COUNT_NOT_YEAR.match(after) and not _YEAR_LEAD.search(before))
    ):
        return True
    left = max((m.end() for m in CLAUSE_BREAK.finditer(sentence[: a.start])), default=0)
    return bool(_FUTURE.search(sentence[left : a.start]))


def _description(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding the date, widened to neighbouring clauses until it reads as a statement."""
    breaks = [
        (m.start(), m.end()) for m in CLAUSE_BREAK.finditer(sentence) if m.end() <= start or m.start() >= end
    ]
    lefts = [0] + [e for s, e in breaks if e <= start]
    rights = [s for s, e in breaks if s >= end] + [len(sentence)]
    li, ri = len(lefts) - 1, 0
    while len(sentence[lefts[li] : rights[ri]].split()) < _CLAUSE_MIN_WORDS:
        intro = len(sentence[lefts[li] : start].split()) <= 2
        if (intro or li == 0) and ri < len(rights) - 1:
            ri += 1
        elif li > 0:
            li -= 1
        else:
            break
    left, right = _balanced(sentence, lefts[li], rights[ri], start)
    if (
        len(sentence[left:right].split()) > _CLAUSE_MAX_WORDS
    ):  # a long comma-less sentence: words around the date
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence[left:right])]
        at = next(k for k, (ws, we) in enumerate(words) if left + we > start)
        lo = max(0, min(at - _CLAUSE_MAX_WORDS // 3, len(words) - _CLAUSE_MAX_WORDS))
        hi = min(len(words), lo + _CLAUSE_MAX_WORDS)
        hi = max(hi, next(k for k, (ws, we) in enumerate(words) if left + we >= end) + 1)
        left, right = _balanced(sentence, left + words[lo][0], left + words[hi - 1][1], start)
    while left < right and sentence[right - 1] in " ,;:(—–-":
        right -= 1
    while left < right and sentence[left] in " ,;:)—–-":
        left += 1
    return left, right


def _short(text: str) -> bool:
    return len(text.split()) <= _CLAUSE_MAX_WORDS


def _balanced(sentence: str, left: int, right: int, date_start: int) -> tuple[int, int]:
    """Widen [left, right) to the partner of an unmatched bracket or quotation mark, or leave
    out the side without the date when the sentence has no partner: "fiscal year (it began
    in April" -> "fiscal year (it began in April)". Widening stops at _CLAUSE_MAX_WORDS."""
    for opening, closing in _PAIRS:
        depth, first_open = 0, None
        for k in range(left, right):
            if sentence[k] == opening:
                depth, first_open = depth + 1, k if depth == 0 else first_open
            elif sentence[k] == closing:
                if depth:
                    depth -= 1
                else:  # unmatched closer: take in its opener, else start after it
                    opener = sentence.rfind(opening, 0, left)
                    if (
                        opener >= 0
                        and closing not in sentence[opener:left]
                        and _short(sentence[opener:right])
                    ):
                        return _balanced(sentence, opener, right, date_start)
                    if k < date_start:
                        return _balanced(sentence, k + 1, right, date_start)
                    return _balanced(sentence, left, k, date_start)
        if depth:
            closer = sentence.find(closing, right)
            if closer >= 0 and opening not in sentence[right:closer] and _short(sentence[left : closer + 1]):
                return _balanced(sentence, left, closer + 1, date_start)
            if first_open < date_start:
                return _balanced(sentence, first_open + 1, right, date_start)
            return _balanced(sentence, left, first_open, date_start)
    return left, right


def _resolve(
    atoms: list[_Atom], sentence: str, earlier: list[str], published: str
) -> list[tuple[_Atom, str, str]]:
    """(surface atom, ISO date, precision) per date expression, ranges merged."""
    py, pm, _pd = _pub(published)
    out = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        between = sentence[a.end : b.start] if b else ""
        joined = b is not None and a.kind != "relative" and b.kind != "relative" and _CONNECT.match(between)
        opener = _RANGE_OPEN.search(sentence[: a.start])
        if (
            joined and b.y is not None and a.needs_year
        ):  # "September and October 2014", "February to March 2014"
            a.y = b.y - (1 if a.m and b.m and a.m > b.m else 0)
            a.needs_year = False
        if a.needs_year:
            anchor = _anchor_year(sentence, a.start, earlier, latest=a.later is None)
            if anchor is None:
                anchor = None if a.later is not None else py
            if anchor is None:
                i += 1
                continue
            a.y = anchor + (a.later or 0)
            if a.later is None and (a.y, a.m or 0) > (py, pm or 12):
                a.y -= 1
        is_range = joined and (
            between.strip() not in ("and", "or") or (opener and "between" in opener.group().lower())
        )
        if is_range and b.y is not None:
            prec = (
                a.precision
                if ["year", "month", "day"].index(a.precision) <= ["year", "month", "day"].index(b.precision)
                else b.precision
            )
            start = opener.start() if opener else a.start
            surface_atom = _Atom(start, b.end, "range")
            out.append((surface_atom, f"{_iso(a.y, a.m, a.d, prec)}/{_iso(b.y, b.m, b.d, prec)}", prec))
            i += 2
            continue
        if a.d2 is not None:
            out.append((a, f"{_iso(a.y, a.m, a.d, 'day')}/{_iso(a.y, a.m, a.d2, 'day')}", "day"))
            i += 1
            continue
        if a.m2 is not None:
            out.append((a, f"{_iso(a.y, a.m, None, 'month')}/{_iso(a.y, a.m2, None, 'month')}", "month"))
            i += 1
            continue
        if a.y2 is not None:
            out.append((a, f"{a.y:04d}/{a.y2:04d}", "year"))
            i += 1
            continue
        out.append((a, _iso(a.y, a.m, a.d, a.precision), a.precision))
        i += 1
    return [_calendar_checked(atom, date, prec) for atom, date, prec in out]


def _calendar_checked(atom, iso: str, precision: str):
    """A day the calendar does not have ("September 31") is a slip of the source: keep its month."""
    if precision != "day":
        return atom, iso, precision
    try:
        for part in iso.split("/"):
            date.fromisoformat(part)
    except ValueError:
        return atom, "/".join(dict.fromkeys(part[:7] for part in iso.split("/"))), "month"
    return atom, iso, precision


def extract(doc, published: str, mentions: list[dict]) -> list[dict]:
    text = doc_text(doc)
    py = _pub(published)[0]
    rows = []
    parts = pieces(doc)
    quoted = quoted_spans(text)
    for k, (s_start, s_end, sentence) in enumerate(parts):
        if not _MAYBE_DATE.search(sentence):
            continue
        para = paragraph_start(text, s_start)
        earlier = [p[2] for p in parts[:k] if p[0] >= para]
        atoms = [
            a
            for a in _atoms(sentence, published)  # "Today we are …" in a quotation means nowadays
            if sentence[a.start : a.end].lower() != "today"
            or not any(qs <= s_start + a.start < qe for qs, qe in quoted)
        ]
        for atom, iso, precision in _resolve(atoms, sentence, earlier, published):
            # After the publication year nothing can have happened yet (compared by year, because a
            # registry date may be a lower bound; yearless dates were already kept within it).
            if _is_excluded(sentence, atom) or int(iso[:4]) > py:
                continue
            left, right = _description(sentence, atom.start, atom.end)
            actors = sorted({mm["entity"] for mm in mentions if s_start <= mm["start"] < s_end})
            rows.append(
                {
                    "date": iso,
                    "precision": precision,
                    "description": sentence[left:right],
                    "actors": actors,
                    "sentence": sentence,
                    "surface": sentence[atom.start : atom.end],
                    "start": s_start + left,
                    "end": s_start + right,
                }
            )
    return rows
