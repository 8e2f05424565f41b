"""HTML building blocks for the report notebook.

Article text is untrusted: every value is escaped here (markupsafe.escape) unless it is
already Markup built by these helpers, so the notebook never concatenates raw article
strings into HTML, and loses its bidi controls and invisible characters (ingest removes them
from article text already; this covers every other table value). Missing values print as an
em dash, never as nan/None.
"""

from __future__ import annotations

import base64
import math
import re
from pathlib import Path

import pandas as pd
from markupsafe import Markup, escape

from ..conventions import MONTH_NAMES
from ..textio import strip_invisible

MISSING = "—"
NONE_FOUND = "None found."


def missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists/arrays
        return False


def text(value) -> str:
    """Plain string for display: missing -> em dash, floats without spurious decimals."""
    if missing(value):
        return MISSING
    if isinstance(value, float):
        return number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(text(v) for v in value) or MISSING
    return strip_invisible(str(value))


def number(value, digits: int = 2) -> str:
    """Compact number: 20000000000 -> '20 billion', 0.8333 -> '0.83'."""
    if missing(value):
        return MISSING
    value = float(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.{digits}f}".rstrip("0").rstrip(".") + f" {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.{digits}f}"


_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?")
_LEADING_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(\s+.*)?$")


def amount(value) -> str:
    """A fact's value for display: numbers (also '3.48e+10 USD') compact, other text unchanged."""
    if missing(value):
        return MISSING
    if isinstance(value, (int, float)):
        return number(value)
    if _ISO_DATE.fullmatch(str(value)):  # an event's date, not a figure: "2022-02" must not become "2,022-02"
        return str(value)
    match = _LEADING_NUMBER.match(str(value))
    if match:
        return number(float(match.group(1))) + (match.group(2) or "")
    return str(value)


# ---------------------------------------------------------------- numbers, dates and lists in prose
# Plain strings (not Markup): the analyze stage builds its finding statements with them too, and
# the report escapes every statement like any other text.
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
CURRENCY_WORDS = {"RUB": "roubles", "CNY": "yuan"}
UNIT_WORDS = {
    "percentage_points": "percentage points",
    "ratio": "times",
    "tonnes_per_year": "tonnes a year",
    "barrels_per_day": "barrels a day",
    "m3": "cubic metres",
    "m3_per_year": "cubic metres a year",
    "bcm": "billion cubic metres",
    "bcm_per_year": "billion cubic metres a year",
    "km2": "km²",
}
QUALIFIER_WORDS = {"approx": "about ", "over": "over ", "under": "under ", "change": "a change of "}
SMALL_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def reader_number(value) -> str:
    """A number as a reader says it: 3.2e10 -> "32 billion", 1234 -> "1,234", 5.30 -> "5.3"."""
    if missing(value):
        return MISSING
    value = float(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def quantity(value, unit: str, qualifier: str | None = None, noun: str | None = None) -> str:
    """A figure with its unit and qualifier, for prose: "$32 billion", "about $34.8 billion",
    "5.3%", "7.1 percentage points", "15.8 billion yen", "27" (a count; "27 meetings" with `noun`)."""
    if missing(value):
        return MISSING
    figure = reader_number(value)
    unit = str(unit or "")
    if unit in CURRENCY_SIGNS:
        text_ = ("-" if figure.startswith("-") else "") + CURRENCY_SIGNS[unit] + figure.lstrip("-")
        if unit == "JPY":  # "¥15.8 billion" is read, but "15.8 billion yen" is clearer in English prose
            text_ = f"{figure} yen"
    elif unit == "percent":
        text_ = f"{figure}%"
    elif unit == "count":
        text_ = f"{figure} {noun}" if noun else figure
    elif re.fullmatch(r"[A-Z]{3}", unit):
        text_ = f"{figure} {CURRENCY_WORDS.get(unit, unit)}"
    else:
        text_ = f"{figure} {UNIT_WORDS.get(unit, unit.replace('_', ' '))}".strip()
    return QUALIFIER_WORDS.get(qualifier or "", "") + text_


def count_word(n: int) -> str:
    """Counts in prose: words up to ten ("three of the five authors"), digits beyond."""
    n = int(n)
    return SMALL_NUMBERS[n] if 0 <= n < len(SMALL_NUMBERS) else f"{n:,}"


def plural(n: int, singular: str, plural_: str | None = None) -> str:
    """ "one author", "27 meetings"."""
    return f"{count_word(n)} {singular if int(n) == 1 else (plural_ or singular + 's')}"


def reader_date(iso) -> str:
    """An ISO date or range as a reader writes it: "2022-03-21" -> "21 March 2022", "2022-03" ->
    "March 2022", "2006-09/2007-09" -> "September 2006 to September 2007"."""
    if missing(iso):
        return MISSING
    iso = str(iso)
    if "/" in iso:
        return " to ".join(reader_date(part) for part in iso.split("/", 1))
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso)
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        return iso
    year, month, day = match.groups()
    if not month:
        return year
    name = MONTH_NAMES[int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def join_words(items, limit: int | None = None) -> str:
    """ "A", "A and B", "A, B and C"; past `limit` items: "A, B, C and four others" (a brief names a
    few sources, not a thousand)."""
    items = [str(i) for i in items]
    if limit is not None and len(items) > limit:
        return ", ".join(items[:limit]) + " and " + plural(len(items) - limit, "other")
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def cell(value) -> Markup:
    return value if isinstance(value, Markup) else escape(text(value))


def table(
    rows,
    columns,
    empty: str = NONE_FOUND,
    caption: str | None = None,
    total: int | None = None,
    css: str = "",
) -> Markup:
    """An escaped HTML table. rows: DataFrame or list of dicts; columns: [(key, header)].

    `total` is the number of rows before a top-N cut, so the reader sees what was left out.
    """
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    if not records:
        return Markup('<p class="none">{}</p>').format(empty)
    head = Markup("").join(Markup("<th>{}</th>").format(h) for _, h in columns)
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(
            Markup("").join(Markup("<td>{}</td>").format(cell(r.get(k))) for k, _ in columns)
        )
        for r in records
    )
    cap = Markup("<caption>{}</caption>").format(caption) if caption else Markup("")
    note = Markup("")
    if total is not None and total > len(records):
        note = Markup('<p class="note">Showing {} of {} rows.</p>').format(len(records), total)
    return Markup('<table class="{}">{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table>{}').format(
        css, cap, head, body, note
    )


def figure(path, caption: str, alt: str) -> Markup:
    """Embed an SVG as a data URI: self-contained, vector in the PDF, and inert (no scripts run in <img>)."""
    path = Path(path)
    if not path.is_file():
        return Markup('<p class="none">Figure not available ({}).</p>').format(path.name)
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return Markup(
        '<figure><img src="data:image/svg+xml;base64,{}" alt="{}"/><figcaption>{}</figcaption></figure>'
    ).format(data, alt, caption)


def paragraph(*parts) -> Markup:
    return Markup("<p>{}</p>").format(Markup(" ").join(cell(p) for p in parts))


def bullet_list(items, empty: str = NONE_FOUND) -> Markup:
    items = list(items)
    if not items:
        return Markup('<p class="none">{}</p>').format(empty)
    return Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(cell(i)) for i in items))


def heat(score, limit: float) -> Markup:
    """A score cell coloured on a diverging scale (red negative, blue positive, as the heatmap figure)."""
    if missing(score):
        return Markup('<span class="heat none">{}</span>').format(MISSING)
    share = 0.0 if not limit else max(-1.0, min(1.0, float(score) / limit))
    hue = 215 if share >= 0 else 0
    light = 96 - round(abs(share) * 40)
    return Markup('<span class="heat" style="background:hsl({},70%,{}%)">{}</span>').format(
        hue, light, number(score)
    )


class Citations:
    """Links quoted spans to the source paragraph that holds them (#src-<article>-<start>) and
    collects those paragraphs for the appendix.

    Paragraphs come from the cleaning audit's body rows, whose start/end index the clean text.
    `labels` names each article in its links ("[Brown]"), as a reader knows it; without one, the
    link shows the article id.
    """

    def __init__(self, audit: pd.DataFrame, labels: dict[str, str] | None = None):
        self.labels = dict(labels or {})
        body = audit[audit["decision"] == "body"] if not audit.empty else audit
        self.paragraphs: dict[str, list[tuple[int, int, str]]] = {}
        for row in body.sort_values(["article_id", "start"]).itertuples() if not body.empty else ():
            if not missing(row.start):
                self.paragraphs.setdefault(row.article_id, []).append(
                    (int(row.start), int(row.end), row.text)
                )
        self.cited: dict[tuple[str, int], dict] = {}

    def _paragraph(self, article_id: str, start=None, sentence=None):
        for p_start, p_end, p_text in self.paragraphs.get(article_id, []):
            if start is not None and not missing(start) and p_start <= int(start) < p_end:
                return p_start, p_end, p_text
            if start is None and sentence and sentence in p_text:
                return p_start, p_end, p_text
        return None

    def link(
        self, article_id: str, start=None, end=None, sentence: str | None = None, label: str | None = None
    ) -> Markup:
        """Link to the paragraph holding [start, end) (without offsets: the one holding `sentence`)."""
        if missing(start):
            start = end = None
        label = label or self.labels.get(article_id, article_id)
        para = self._paragraph(article_id, start, sentence)
        if para is None:
            return Markup('<span class="cite">[{}]</span>').format(label)
        p_start, p_end, p_text = para
        entry = self.cited.setdefault((article_id, p_start), {"text": p_text, "spans": set()})
        if start is not None:
            entry["spans"].add((int(start) - p_start, min(int(end), p_end) - p_start))
        elif sentence:
            offset = p_text.find(sentence)
            entry["spans"].add((offset, offset + len(sentence)))
        return Markup('<a class="cite" href="#src-{}-{}">[{}]</a>').format(article_id, p_start, label)

    def links(self, rows: pd.DataFrame, limit: int = 4) -> Markup:
        """Links for the first `limit` rows (article_id, start, end, sentence), then 'and N more'."""
        rows = rows.drop_duplicates([c for c in ("article_id", "start", "sentence") if c in rows])
        out = [
            self.link(r["article_id"], r.get("start"), r.get("end"), r.get("sentence"))
            for r in rows.head(limit).to_dict("records")
        ]
        if len(rows) > limit:
            out.append(Markup('<span class="note">and {} more</span>').format(len(rows) - limit))
        return Markup(" ").join(out)

    def quote(self, sentence, article_id: str, start=None, end=None) -> Markup:
        """“sentence” [article] — the sentence as inert text, with its evidence link."""
        if missing(sentence) or not str(sentence).strip():
            return Markup(MISSING)
        return Markup("<q>{}</q> {}").format(
            text(str(sentence).strip()), self.link(article_id, start, end, sentence=str(sentence))
        )

    def _where(self, article_id: str) -> str:
        label = self.labels.get(article_id)
        return f"{label} ({article_id})" if label else article_id

    def appendix(self) -> Markup:
        if not self.cited:
            return Markup('<p class="none">No passages were cited.</p>')
        out = []
        for (article_id, p_start), entry in sorted(self.cited.items()):
            para, pieces, pos = entry["text"], [], 0
            for s, e in sorted(_merge(entry["spans"])):
                pieces.append(cell(para[pos:s]))
                pieces.append(Markup("<mark>{}</mark>").format(cell(para[s:e])))
                pos = e
            pieces.append(cell(para[pos:]))
            out.append(
                Markup(
                    '<div class="source-paragraph" id="src-{}-{}"><p class="where">{} · characters {}–{}</p>'
                    "<p>{}</p></div>"
                ).format(
                    article_id,
                    p_start,
                    self._where(article_id),
                    p_start,
                    p_start + len(para),
                    Markup("").join(pieces),
                )
            )
        return Markup("").join(out)


def _merge(spans):
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        s = max(s, 0)
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [tuple(m) for m in merged if m[1] > m[0]]


def finite(values) -> list[float]:
    return [float(v) for v in values if not missing(v) and math.isfinite(float(v))]
