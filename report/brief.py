# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
# The policy brief. `snakemake report` (policybrief.report.build) injects PARAMS as the first
# cell: paths, version, build date, the source registry and the provenance record.
# The notebook renders tables; it decides nothing. What converges, what diverges and what matters
# most is the analyze stage's findings table (policybrief.analyze.findings); every number and
# quotation below comes from data/processed/. Article text is untrusted: it reaches HTML only
# through policybrief.report.render, which escapes it.
import hashlib
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display
from markupsafe import Markup

from policybrief.analyze.codebook import load_codebook
from policybrief.analyze.stage import metric_labels
from policybrief.analyze.statements import Sources, describe, source_labels
from policybrief.report import changes
from policybrief.report.render import (
    Citations,
    bullet_list,
    figure,
    finite,
    heat,
    join_words,
    missing,
    number,
    paragraph,
    plural,
    quantity,
    reader_date,
    table,
    text,
)
from policybrief.schemas import BY_NAME

TOP = 10  # rows in a top-N table: the brief stays a brief at 1000 articles
TOP_LONG = 25  # rows in the longer listings (outlets, timeline)
APPENDIX_EVENTS = 100  # the appendix lists the dated events up to this many, each citing one source
KEY_LINKS = 4  # citation links after a key finding; further sources are counted
# Every table that cites the text is top-N limited, so the "Source paragraphs" appendix stays
# bounded too (some 250 paragraphs at most, whatever the corpus size).
FULL_LIST = 20  # up to this many articles, the sources and input files are listed one by one

PROCESSED = Path(PARAMS["processed"])
FIGURES = PROCESSED / "figures"
TABLES = (
    "articles",
    "cleaning_audit",
    "mentions",
    "events",
    "quantities",
    "quotes",
    "positions",
    "position_evidence",
    "position_agreement",
    "author_distances",
    "corroborated_facts",
    "contradictions",
    "timeline",
    "findings",
    "evaluation",
)
SET_LABEL_TEMPLATES = {  # unseen test first: the figure that says how the rules carry to new outlets
    "test": "Unseen test set ({n} texts from outlets never used to write or tune rules)",
    "dev": "Unseen development set ({n} texts; rules were tuned on it)",
    "seeds": "Seed articles ({n}; in-sample: the rules were written from them)",
}


def load(name: str) -> pd.DataFrame:
    """A table with its contract columns (policybrief.schemas); a missing table reads as empty."""
    path = PROCESSED / f"{name}.parquet"
    df = pd.read_parquet(path) if path.is_file() else pd.DataFrame()
    for column in BY_NAME[name].columns:
        if column not in df.columns:
            df[column] = pd.Series(dtype="object")
    return df


def show(*parts) -> None:
    display(HTML(str(Markup("").join(parts))))


T = {name: load(name) for name in TABLES}
SET_SIZES = T["evaluation"].query("article_id != 'ALL'").groupby("set")["article_id"].nunique()
SET_LABELS = {n: lb.format(n=SET_SIZES.get(n, 0)) for n, lb in SET_LABEL_TEMPLATES.items()}
CODEBOOK = load_codebook(PARAMS["resources"]["codebook"])
# Positions are coded on fewer texts than facts (the dev extension has facts only); a coded text
# has a cell per question, so the pooled row's cells count the texts.
_POOLED = T["position_agreement"].query("dimension == 'ALL' and scheme == 'machine'").set_index("set")
_CODED = ((_POOLED["n_coded"] + _POOLED["n_null"]) // len(CODEBOOK.dimensions)).to_dict()
POSITION_SET_LABELS = {n: lb.format(n=_CODED.get(n, 0)) for n, lb in SET_LABEL_TEMPLATES.items()}
METRICS = metric_labels(PARAMS["resources"]["metrics"])
SOURCES = {s["id"]: s for s in PARAMS["sources"]}
LABELS = source_labels(T["articles"])  # "Brown", "Rifai & Kielm", "Responsible Statecraft"
NAMES = Sources(LABELS)
cite = Citations(T["cleaning_audit"], LABELS)
F = T["findings"].sort_values(["rank", "article_id", "start"]) if len(T["findings"]) else T["findings"]


def who(article_id: str) -> str:
    """Authors, else outlet, else title of an article: how a table names the people behind a text."""
    src = SOURCES.get(article_id, {})
    return (
        ", ".join(src.get("authors") or [])
        or src.get("outlet")
        or src.get("title")
        or LABELS.get(article_id, "")
    )


def article(article_id: str) -> Markup:
    """A source for a table cell: who, with the outlet (when not already named) and the date."""
    src = SOURCES.get(article_id, {})
    outlet = src.get("outlet") if src.get("authors") else None
    where = ", ".join(x for x in (outlet, reader_date(src.get("published"))) if x)
    return Markup('{} <span class="note">({})</span>').format(who(article_id), where)


def by_finding(kind: str) -> list[pd.DataFrame]:
    """The evidence rows of each finding of a kind, strongest finding first."""
    rows = F[F["kind"] == kind]
    return [g for _, g in rows.groupby("rank", sort=True)]


def metric_name(metric: str) -> str:
    label = METRICS.get(metric, str(metric).replace("_", " "))
    return label[:1].upper() + label[1:]


# %% [markdown]
# ## Executive summary


# %%
def context() -> str:
    arts = T["articles"]
    if arts.empty:
        return "No articles were processed."
    dates = sorted(arts["published"].dropna().astype(str))
    outlets = arts["outlet"].dropna().nunique()
    return (
        f"This brief compares {plural(len(arts), 'article')} from {plural(outlets, 'outlet')}, published "
        f"between {reader_date(dates[0])} and {reader_date(dates[-1])}."
    )


def key_findings() -> Markup:
    """The findings the analysis marks as key, strongest first, each with links to its sources."""
    key = F[F["key"].fillna(False).astype(bool)] if len(F) else F
    items = []
    for _, rows in key.groupby("rank", sort=True):
        cited = rows.dropna(subset=["start"]).drop_duplicates("article_id")
        items.append(Markup("{} {}").format(rows["statement"].iloc[0], cite.links(cited, KEY_LINKS)))
    if not items:
        return Markup('<p class="none">{}</p>').format(
            "The sources share no position or fact strong enough to report as a finding."
        )
    return Markup('<p>Key findings, strongest first:</p><ol class="key-findings">{}</ol>').format(
        Markup("").join(Markup("<li>{}</li>").format(i) for i in items)
    )


show(
    Markup('<div class="summary"><p>{} {}</p>{}</div>').format(
        context(),
        Markup(
            "Where each source stands on each policy question is set out in "
            '<a href="#where-the-authors-stand">Where the authors stand</a>; how strength is measured, in '
            '<a href="#methodology-and-validation">Methodology</a>.'
        ),
        key_findings(),
    )
)

# %% [markdown]
# ## What changed since the previous version

# %%
if PARAMS["previous_dir"]:
    diff = changes.what_changed(PARAMS["previous_dir"], PROCESSED)
    counts = diff.groupby(["kind", "change"]).size() if not diff.empty else pd.Series(dtype=int)
    show(
        paragraph(
            f"Compared with version {PARAMS['previous_version']}: "
            + (", ".join(f"{n} {kind} {change}" for (kind, change), n in counts.items()) or "no changes")
            + "."
        ),
        table(
            diff.head(TOP_LONG * 2),
            [
                ("kind", "Kind"),
                ("item", "Item"),
                ("change", "Change"),
                ("before", "Before"),
                ("after", "After"),
            ],
            empty="No facts, positions or contradictions changed.",
            total=len(diff),
        ),
    )
else:
    show(
        paragraph(
            "No earlier version has a snapshot under report/versions/, so there is nothing to compare; "
            f"this build stores its own snapshot as version {PARAMS['version']}."
        )
    )

# %% [markdown]
# ## Where the authors stand
#
# One policy question at a time: who takes which position and how they differ, then each source's
# position with the sentence that weighs most for it. *Not addressed*: the source does not discuss
# the question. *Addressed, no clear direction*: it discusses the question without leaning either
# way. Confidence is the scorer's (see *Methodology*).

# %%
STATUS_ORDER = {"position": 0, "no clear direction": 1, "not addressed": 2}


def position_words(dim, row) -> str:
    if row.status == "not addressed":
        return "not addressed"
    if row.status == "no clear direction":
        return "addressed, no clear direction"
    return describe(dim, row.score)


def overview(dim, rows: pd.DataFrame) -> str:
    """Who stands where, grouped by position in words: from one pole to the other, then the sources
    without a direction, then those that leave the question aside."""
    parts = []
    addressed = rows[rows["status"] != "not addressed"]
    if dim.kind == "salience":
        for level, group in sorted(addressed.groupby("score"), key=lambda kv: -kv[0]):
            parts.append(f"{describe(dim, level)} for {NAMES.name(sorted(group['article_id']))}")
    else:
        leaning = addressed[addressed["score"] != 0]
        for score, group in leaning.groupby("score", sort=True):
            parts.append(NAMES.say(sorted(group["article_id"]), dim, score))
        neutral = sorted(addressed[addressed["score"] == 0]["article_id"])
        if neutral:
            verb = "address" if NAMES.plural(neutral) else "addresses"
            parts.append(f"{NAMES.name(neutral)} {verb} it without a clear direction")
    absent = sorted(rows[rows["status"] == "not addressed"]["article_id"])
    if absent:
        parts.append(f"{NAMES.name(absent)} {'do' if NAMES.plural(absent) else 'does'} not address it")
    sentence = "; ".join(parts)
    return sentence[:1].upper() + sentence[1:] + "." if sentence else "No source was scored on it."


def verdict(dim, finding: pd.DataFrame) -> str:
    """How the sources differ, as the finding's kind tells it (who stands where is said already)."""
    kind, sides = finding["kind"].iloc[0], finding["side"]
    if kind == "shift":
        statement, prefix = finding["statement"].iloc[0], f"{dim.label}: "
        told = statement[len(prefix) :] if statement.startswith(prefix) else statement
        return told[:1].upper() + told[1:]
    if kind == "split":
        return "The sources are split."
    if kind == "outlier":
        counts = sides.value_counts()
        lone = finding[sides == counts.index[-1]]["article_id"]
        lone = finding[sides.map(counts) == counts.min()]["article_id"] if len(lone) != 1 else lone
        return f"{NAMES.name(sorted(lone))} stands apart from the others."
    if dim.kind == "salience":
        return f"For most sources it is {sides.iloc[0]}."
    towards = dim.pole_words[0] if any(dim.pole_words[0] in side for side in sides) else dim.pole_words[-1]
    opposite = dim.pole_words[-1] if towards == dim.pole_words[0] else dim.pole_words[0]
    return f"They agree: none is {opposite}."


def differences(dim) -> list[str]:
    """The verdicts of the findings on this question, strongest first."""
    rows = F[(F["subject_type"] == "dimension") & (F["subject"] == dim.name)]
    return [verdict(dim, g) for _, g in rows.groupby("rank", sort=True)]


def stand_rows(dim, rows: pd.DataFrame) -> list[dict]:
    direction = -1 if dim.kind == "salience" else 1  # salience: most weight first; else pole to pole
    ranked = rows.assign(
        order=rows["status"].map(STATUS_ORDER),
        pole=direction * pd.to_numeric(rows["score"], errors="coerce"),
        strength=-pd.to_numeric(rows["confidence"], errors="coerce").fillna(0),
        name=rows["article_id"].map(lambda a: LABELS.get(a, a)),
    ).sort_values(["order", "pole", "strength", "name"])
    out = []
    for r in ranked.head(TOP).itertuples():
        addressed = r.status != "not addressed"
        out.append(
            {
                "source": article(r.article_id),
                "position": position_words(dim, r),
                "evidence": cite.quote(r.evidence, r.article_id, r.start, r.end) if addressed else None,
                "confidence": f"{round(float(r.confidence) * 100)}%" if addressed else None,
            }
        )
    return out


for dim in CODEBOOK.dimensions:
    rows = T["positions"][T["positions"]["dimension"] == dim.name]
    told = differences(dim)
    show(
        Markup('<h3 class="question">{}</h3><p class="question-text"><em>{}</em></p><p>{}{}</p>').format(
            dim.label,
            dim.question,
            overview(dim, rows),
            Markup(" {}").format(" ".join(told))
            if told
            else " Too few sources take a position to call it agreement or disagreement.",
        ),
        table(
            stand_rows(dim, rows),
            [
                ("source", "Source"),
                ("position", "Position"),
                ("evidence", "Strongest evidence"),
                ("confidence", "Confidence"),
            ],
            total=len(rows),
            empty="No source was scored on this question.",
        ),
    )

# %% [markdown]
# ## Timeline of events
#
# The events that matter to the brief: those two or more sources report, and those a finding cites
# (a date in dispute). Each is told as a headline built from the sentence that reports it; the
# figure shows every dated event, and the appendix *All dated events* lists them.


# %%
def reports(event) -> pd.DataFrame:
    """(article_id, sentence) of each source reporting a timeline entry: the sentence of the entry
    that the source's text holds (the entry lists its sources and sentences separately)."""
    pairs = []
    for aid in sorted(event.article_ids):
        said = next((s for s in event.sentences if cite._paragraph(aid, None, s)), None)
        pairs.append({"article_id": aid, "sentence": said})
    return pd.DataFrame(pairs, columns=["article_id", "sentence"])


DISPUTED = set(F[F["kind"] == "contradiction"]["event_id"].dropna())
CITED_AS = {r.event_id: r.label for r in F.dropna(subset=["event_id"]).itertuples()}


def event_cell(event) -> Markup:
    """The headline; without one (no clause for the date parsed), the name a finding gives the
    happening, else the text's own words, quoted. A date in dispute says so."""
    headline = event.headline if isinstance(event.headline, str) and event.headline else None
    headline = headline or CITED_AS.get(event.event_id)
    cell = (
        Markup('<span class="headline">{}</span>').format(headline)
        if headline
        else Markup('<q class="excerpt">{}</q>').format(event.description)
    )
    if event.event_id in DISPUTED:
        cell += Markup(' <span class="note">(date in dispute)</span>')
    return cell


def timeline_rows(events: pd.DataFrame, links: int) -> list[dict]:
    """Date, event and its sources, the first `links` of them cited (the rest counted)."""
    return [
        {
            "date": reader_date(r.date),
            "event": event_cell(r),
            "sources": cite.links(reports(r), links),
        }
        for r in events.sort_values(["date", "event_id"]).itertuples()
    ]


tl = T["timeline"].copy()
tl["n_sources"] = pd.to_numeric(tl["n_sources"])
cited_events = set(F["event_id"].dropna())
matters = tl[(tl["n_sources"] >= 2) | tl["event_id"].isin(cited_events)]
matters = matters.sort_values(["n_sources", "date", "event_id"], ascending=[False, True, True]).head(TOP_LONG)
show(
    figure(FIGURES / "timeline.svg", "Events by date and reporting source.", "Timeline of events"),
    table(
        timeline_rows(matters, 2),
        [("date", "Date"), ("event", "Event"), ("sources", "Reported by")],
        total=len(tl[(tl["n_sources"] >= 2) | tl["event_id"].isin(cited_events)]),
        empty="No event is reported by two or more sources or cited by a finding.",
    ),
    paragraph(f"{plural(len(tl), 'dated event')} in all; see the appendix, All dated events."),
)

# %% [markdown]
# ## Facts in dispute and facts corroborated
#
# ### Contradictions
#
# Figures and dates on which sources disagree, side by side with the sentences that state them.


# %%
def also(ids: list[str]) -> Markup:
    """The other sources giving the same value, named but not cited: the appendix stays bounded."""
    if len(ids) < 2:
        return Markup("")
    return Markup(' <span class="note">and {}</span>').format(NAMES.name(ids[1:]))


disputes = by_finding("contradiction")
rows = []
for rows_of in disputes[: TOP // 2]:
    for i, (side, g) in enumerate(list(rows_of.groupby("side", sort=False))[:3]):
        first = g.iloc[0]
        rows.append(
            {
                "point": first["label"] if i == 0 else "",
                "value": side,
                "article": article(first["article_id"]) + also(sorted(g["article_id"].unique())),
                "sentence": cite.quote(first["sentence"], first["article_id"], first["start"], first["end"]),
            }
        )
show(
    table(
        rows,
        [("point", "Point in dispute"), ("value", "Says"), ("article", "Source"), ("sentence", "Sentence")],
        empty="None found: no two sources give conflicting figures or dates.",
    ),
    Markup('<p class="note">{} of {} contradictions shown.</p>').format(TOP // 2, len(disputes))
    if len(disputes) > TOP // 2
    else Markup(""),
)

# %% [markdown]
# ### Corroborated facts
#
# Facts reported alike by more than one source, strongest finding first.

# %%
agreed = by_finding("corroboration")
rows = [
    {
        "fact": g["label"].iloc[0],
        "value": max(g["side"], key=len)
        if g["subject_type"].iloc[0] == "event"
        else join_words(dict.fromkeys(g["side"])),
        "n": g["n_articles"].iloc[0],
        "sources": cite.links(g.drop_duplicates("article_id"), 2),
    }
    for g in agreed[:TOP]
]
show(
    table(
        rows,
        [("fact", "Fact"), ("value", "Value"), ("n", "Sources"), ("sources", "Evidence")],
        total=len(agreed),
        empty="None found: no fact is reported by two or more sources.",
    )
)

# %% [markdown]
# ### Key figures
#
# Dated figures by measure and year, as each source gives them (the measures most sources report).

# %%
q = T["quantities"].dropna(subset=["year"])
q = q[q["metric"] != "other"]
groups = []
for (metric, year, unit), g in q.groupby(["metric", "year", "unit"], sort=True):
    groups.append((-g["article_id"].nunique(), str(metric), int(year), str(unit), g))
rows = []
for _, metric, year, unit, g in sorted(groups, key=lambda x: x[:4])[:TOP]:
    g = g.sort_values(["article_id", "start"])
    values = []
    for _, vg in g.groupby(["value", "qualifier"], sort=False):
        ids = sorted(vg["article_id"].unique())
        first = vg.iloc[0]
        values.append(
            (
                -len(ids),
                Markup("{} ({}) {}").format(
                    quantity(first["value"], unit, first["qualifier"]), NAMES.name(ids), cite.links(vg, 1)
                ),
            )
        )
    rows.append(
        {
            "metric": metric_name(metric),
            "year": year,
            "values": Markup("; ").join(v for _, v in sorted(values, key=lambda x: x[0])[:3]),
        }
    )
show(
    figure(FIGURES / "key_figures.svg", "Key figures by year and source.", "Key figures"),
    table(
        sorted(rows, key=lambda r: (r["metric"], r["year"])),
        [("metric", "Measure"), ("year", "Year"), ("values", "Values by source")],
        total=len(groups),
        empty="None found: no dated figure of a named measure.",
    ),
)

# %% [markdown]
# ## Positions in detail
#
# Each article is scored on the codebook's policy questions (see *Methodology*). The heatmap shows the
# scores; in the table each score links to its strongest evidence sentence.

# %%
pos = T["positions"]
dims = [d for d in CODEBOOK.dimensions if d.name in set(pos["dimension"])]
scored = pos.dropna(subset=["score"])
limit = max((abs(v) for v in finite(scored["score"])), default=0)
coverage = scored.groupby("article_id").size().sort_values(ascending=False, kind="stable")
shown = sorted(coverage.index[:TOP], key=lambda a: (SOURCES.get(a, {}).get("published", ""), a))
rows = []
for aid in shown:
    row = {"article": article(aid)}
    for d in dims:
        hit = pos[(pos["article_id"] == aid) & (pos["dimension"] == d.name)]
        if hit.empty or missing(hit["score"].iloc[0]):
            row[d.name] = heat(None, limit)
        else:
            h = hit.iloc[0]
            evidence = Markup("") if missing(h.start) else cite.link(aid, h.start, h.end, label="evidence")
            row[d.name] = heat(h.score, limit) + Markup(" ") + evidence
    rows.append(row)
show(
    figure(FIGURES / "position_heatmap.svg", "Scores by source and policy question.", "Position heatmap"),
    table(
        rows,
        [("article", "Source")] + [(d.name, d.label) for d in dims],
        css="heatmap",
        total=len(coverage),
        empty="No article could be scored on any policy question.",
    ),
)

# %% [markdown]
# ### Evidence behind the scores
#
# For each question, the sentences that weigh most in the scores (by weight).

# %%
ev = T["position_evidence"].copy()
ev["strength"] = pd.to_numeric(ev["weight"]).abs()
rows = []
for d in CODEBOOK.dimensions:
    group = ev[ev["dimension"] == d.name]
    strongest = group.sort_values(["strength", "article_id", "start"], ascending=[False, True, True])
    for r in strongest.drop_duplicates(["article_id", "start"]).head(3).itertuples():
        pole = {1: d.pole_words[-1], -1: d.pole_words[0]}.get(int(r.polarity), "neither")
        rows.append(
            {
                "question": d.label,
                "towards": pole,
                "cue": r.cue,
                "sentence": cite.quote(r.sentence, r.article_id, r.start, r.end),
            }
        )
show(
    table(
        rows,
        [("question", "Question"), ("towards", "Points towards"), ("cue", "Cue"), ("sentence", "Evidence")],
        empty="No evidence sentences were found.",
    )
)

# %% [markdown]
# ### Closest and furthest sources

# %%
dist = T["author_distances"].copy()
dist["distance"] = pd.to_numeric(dist["distance"])
LABEL_OF = {d.name: d.label for d in CODEBOOK.dimensions}
cols = [
    ("a", "Source"),
    ("b", "Source"),
    ("distance", "Distance"),
    ("n", "Shared questions"),
    ("split", "Differ most on"),
]


def pairs(df):
    return [
        {
            "a": article(r.article_a),
            "b": article(r.article_b),
            "distance": number(r.distance),
            "n": r.n_dimensions,
            "split": LABEL_OF.get(r.split_dimension, r.split_dimension),
        }
        for r in df.itertuples()
    ]


order = ["distance", "article_a", "article_b"]
show(
    table(
        pairs(dist.sort_values(order).head(TOP // 2)),
        cols,
        caption="Closest pairs",
        empty="No pair of articles shares a scored question.",
    ),
    table(
        pairs(dist.sort_values(order, ascending=[False, True, True]).head(TOP // 2)),
        cols,
        caption="Furthest pairs",
        empty="No pair of articles shares a scored question.",
    ),
)

# %% [markdown]
# ### Positions over publication time

# %%
by_time = scored.merge(T["articles"][["article_id", "published"]], on="article_id", how="left")
by_time["year"] = by_time["published"].astype(str).str[:4]
if by_time.empty:
    rows, cols = [], []
else:
    years = sorted(by_time["year"].unique())
    if len(years) > 8:  # bin into at most 8 periods so the table keeps its width
        edges = pd.cut(by_time["year"].astype(int), 8)
        by_time["year"] = [f"{int(i.left) + 1}–{int(i.right)}" for i in edges]
        years = sorted(by_time["year"].unique())
    means = by_time.groupby(["dimension", "year"])["score"].mean().unstack()
    rows = [
        {
            "question": d.label,
            **{y: number(means.loc[d.name, y]) if y in means.columns else None for y in years},
        }
        for d in CODEBOOK.dimensions
        if d.name in means.index
    ]
    cols = [("question", "Question")] + [(y, y) for y in years]
show(
    figure(FIGURES / "positions_over_time.svg", "Scores by publication date.", "Positions over time"),
    table(rows, cols, caption="Mean score by publication year", empty="No scored positions."),
)

# %% [markdown]
# ## Actors
#
# Who is mentioned how often, and by whom; then the quotations, with their speakers.

# %%
men = T["mentions"]
rows = []
if not men.empty:
    counts = men.groupby(["entity", "type"]).agg(
        mentions=("article_id", "size"), articles=("article_id", "nunique")
    )
    counts = counts.reset_index().sort_values(["mentions", "entity"], ascending=[False, True])
    for r in counts.head(TOP * 2).itertuples():
        by = men[men["entity"] == r.entity]["article_id"].value_counts()
        by = sorted(by.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
        rows.append(
            {
                "entity": r.entity,
                "type": r.type,
                "mentions": r.mentions,
                "articles": r.articles,
                "by": "; ".join(f"{who(a)} ({n})" for a, n in by),
            }
        )
show(
    table(
        rows,
        [
            ("entity", "Actor"),
            ("type", "Type"),
            ("mentions", "Mentions"),
            ("articles", "Articles"),
            ("by", "Most by (mentions)"),
        ],
        total=men["entity"].nunique(),
        empty="None found: no actor was recognised.",
    )
)

# %%
quotes = T["quotes"].copy()
quotes["words"] = quotes["text"].astype(str).str.split().str.len()
named = quotes.dropna(subset=["speaker"])
speakers = (
    named.groupby("speaker").agg(quotes=("text", "size"), articles=("article_id", "nunique")).reset_index()
)
speakers = speakers.sort_values(["quotes", "speaker"], ascending=[False, True])
picked = (
    quotes.assign(unnamed=quotes["speaker"].isna())
    .sort_values(["unnamed", "words", "article_id", "start"], ascending=[True, False, True, True])
    .head(TOP + TOP // 2)
)
rows = [
    {
        "speaker": r.speaker if not missing(r.speaker) else "unattributed",
        "quote": cite.quote(r.text, r.article_id, r.start, r.end),
    }
    for r in picked.sort_values(["article_id", "start"]).itertuples()
]
show(
    table(
        speakers.head(TOP),
        [("speaker", "Speaker"), ("quotes", "Quotations"), ("articles", "Articles")],
        caption="Most quoted",
        total=len(speakers),
        empty="None found: no quotation has a named speaker.",
    ),
    table(
        rows,
        [("speaker", "Speaker"), ("quote", "Quotation")],
        caption="Quotations (longest first selected)",
        total=len(quotes),
        empty="None found: no quotations.",
    ),
)

# %% [markdown]
# ## Sources
#
# The source registry, with what the cleaning stage removed from each article (navigation,
# references, duplicated titles and similar page furniture). Dates marked *inferred* are not printed
# in the article; the registry notes say how they were inferred.

# %%
audit = T["cleaning_audit"]
removed = audit[audit["decision"] == "removed"]
removed_by = {
    aid: ", ".join(f"{reason} {n}" for reason, n in g["reason"].value_counts().sort_index().items())
    for aid, g in removed.groupby("article_id")
}
words = T["articles"].set_index("article_id")


def marked(src: dict, field: str, value) -> str:
    return f"{text(value)} (inferred)" if field in (src.get("inferred") or []) else text(value)


rows, notes = [], []
for aid in sorted(SOURCES, key=lambda a: (SOURCES[a]["published"], a)):
    src = SOURCES[aid]
    raw = words["words_raw"].get(aid) if aid in words.index else None
    clean = words["words_clean"].get(aid) if aid in words.index else None
    rows.append(
        {
            "article": Markup('{}<br><span class="note">{}</span>').format(src["title"], aid),
            "outlet": marked(src, "outlet", src.get("outlet")),
            "authors": marked(src, "authors", ", ".join(src.get("authors") or []) or None),
            "published": marked(src, "published", src["published"]),
            "words": f"{text(raw)} → {text(clean)}",
            "removed": removed_by.get(aid, "nothing"),
        }
    )
    if src.get("inferred"):
        notes.append(
            Markup("<strong>{}</strong>: {}").format(aid, src.get("notes") or "inferred, without a note")
        )
if len(rows) <= FULL_LIST:
    show(
        table(
            rows,
            [
                ("article", "Article"),
                ("outlet", "Outlet"),
                ("authors", "Authors"),
                ("published", "Published"),
                ("words", "Words (raw → clean)"),
                ("removed", "Paragraphs removed"),
            ],
            empty="The registry is empty.",
        ),
        Markup("<h3>How inferred values were inferred</h3>") + bullet_list(notes) if notes else Markup(""),
    )
else:  # too many to list: articles by outlet and year (the registry, data/raw/sources.yaml, lists each one)
    reg = pd.DataFrame(
        [
            {
                "article_id": a,
                "outlet": s.get("outlet") or "unknown outlet",
                "year": str(s.get("published") or "")[:4] or "undated",
                "inferred": bool(s.get("inferred")),
            }
            for a, s in SOURCES.items()
        ]
    )
    reg["words"] = reg["article_id"].map(pd.to_numeric(words["words_clean"], errors="coerce"))
    reg["removed"] = reg["article_id"].map(removed["article_id"].value_counts()).fillna(0)
    per_outlet = (
        reg.groupby("outlet")
        .agg(
            articles=("article_id", "size"),
            first=("year", "min"),
            last=("year", "max"),
            words=("words", "sum"),
            removed=("removed", "sum"),
            inferred=("inferred", "sum"),
        )
        .reset_index()
    )
    per_outlet = per_outlet.sort_values(["articles", "outlet"], ascending=[False, True])
    per_year = (
        reg.groupby("year").agg(articles=("article_id", "size"), outlets=("outlet", "nunique")).reset_index()
    )
    show(
        paragraph(
            f"{len(reg)} articles from {reg['outlet'].nunique()} outlets; each is listed with its title, "
            "authors and date in the source registry (data/raw/sources.yaml). "
            f"{int(reg['inferred'].sum())} have a value not printed in the article but inferred "
            "(the registry notes say how)."
        ),
        table(
            [
                {**r, "years": r["first"] if r["first"] == r["last"] else f"{r['first']}–{r['last']}"}
                for r in per_outlet.head(TOP_LONG).to_dict("records")
            ],
            [
                ("outlet", "Outlet"),
                ("articles", "Articles"),
                ("years", "Published"),
                ("words", "Words (clean)"),
                ("removed", "Paragraphs removed"),
                ("inferred", "With inferred values"),
            ],
            caption="Articles by outlet",
            total=len(per_outlet),
        ),
        table(
            per_year.sort_values("year").tail(TOP_LONG),
            [("year", "Year"), ("articles", "Articles"), ("outlets", "Outlets")],
            caption="Articles by year of publication",
            total=len(per_year),
        ),
    )

# %% [markdown]
# ## Methodology and validation
#
# The pipeline runs in five stages, each a Snakemake rule calling one function of the `policybrief`
# package: **ingest** (read the raw text into paragraphs), **clean** (drop navigation, references and
# other page furniture, keeping an audit of every decision), **extract** (entities, dated events with a
# headline parsed from their sentence, quantities and quotations, each tied to a character span of the
# clean text), **analyze** (positions on the codebook's questions, corroboration and contradictions
# across sources, the timeline, and the findings) and **report** (this document). A fact whose span
# does not hold its evidence stops the build.
#
# ### Findings and their strength
#
# A finding is a *consensus* (sources on one side of a question, none on the other), a *split*
# (sources on opposite sides), an *outlier* (one source against two or more), a *shift* (the later
# half of the sources, by publication date, a scale point or more from the earlier half), a
# *corroboration* (sources reporting the same figure or event) or a *contradiction* (sources giving
# incompatible figures or dates). Its strength, from 0 to 1, is the share of the corpus it rests on,
# times the scorer's mean confidence in the positions it cites (1 for a stated figure or date), times
# its clarity: for a consensus, the share of the sources addressing the question that are on the side;
# for a split, an outlier or a shift, how far apart the positions are, as a share of the scale; for a
# figure with no period, one half. The executive summary shows the strongest findings, at most two of
# a kind and one per question or fact.
#
# ### Codebook

# %%
show(
    table(
        [
            {
                "label": d.label,
                "question": d.question,
                "scale": f"{d.scale[0]} ({d.pole_words[0]}) to {d.scale[1]} ({d.pole_words[-1]})",
                "kind": d.kind,
                "code": d.name,
            }
            for d in CODEBOOK.dimensions
        ],
        [
            ("label", "Question"),
            ("question", "As asked"),
            ("scale", "Scale"),
            ("kind", "Kind"),
            ("code", "Code in the data"),
        ],
        empty="The codebook defines no questions.",
    )
)

# %% [markdown]
# ### Extraction accuracy
#
# Extracted facts compared with human annotations (data/annotations/), unseen test set first. Seed
# figures are in-sample: the rules were written from those articles, so they overstate accuracy.

# %%
ev = T["evaluation"]
cols = [
    ("fact_type", "Facts"),
    ("tp", "TP"),
    ("fp", "FP"),
    ("fn", "FN"),
    ("precision", "Precision"),
    ("recall", "Recall"),
    ("f1", "F1"),
]
show(
    *(
        table(
            ev[(ev["set"] == name) & (ev["article_id"] == "ALL")].sort_values("fact_type"),
            cols,
            caption=label,
            empty="No evaluation results.",
        )
        for name, label in SET_LABELS.items()
    )
)

# %% [markdown]
# ### Position agreement
#
# Machine positions against a human reading, over the cells the human scored (*coverage*: the
# machine scored them too; a machine null counts as a miss) and the cells the human left empty
# (*invented*: the machine scored anyway), beside an always-neutral and a majority-class baseline.
# *lexicon_loo* scores each seed with the cues found only in it removed.

# %%
agr = T["position_agreement"]
agr_cols = [
    ("dimension", "Dimension"),
    ("scheme", "Scheme"),
    ("n_coded", "Coded cells"),
    ("direction", "Direction"),
    ("exact", "Exact"),
    ("within_one", "Within one"),
    ("coverage", "Coverage"),
    ("invented", "Invented"),
    ("alpha", "α"),
]
show(
    *(
        table(
            agr[(agr["set"] == name) & (agr["dimension"] == "ALL")],
            agr_cols,
            caption=label,
            empty="No position agreement figures.",
        )
        for name, label in POSITION_SET_LABELS.items()
    )
)

# %% [markdown]
# ### What cleaning removed
#
# Paragraphs removed, by reason, with the articles that lost most (the Sources table gives the count per
# article, or per outlet in a large corpus).

# %%
rows = []
for reason, group in removed.groupby("reason", sort=True):
    per = sorted(group["article_id"].value_counts().items(), key=lambda kv: (-kv[1], kv[0]))
    rows.append(
        {
            "reason": reason,
            "paragraphs": len(group),
            "articles": len(per),
            "most": "; ".join(f"{LABELS.get(a, a)} ({n})" for a, n in per[:3]),
        }
    )
show(
    table(
        rows,
        [("reason", "Reason"), ("paragraphs", "Paragraphs"), ("articles", "Articles"), ("most", "Most from")],
        empty="Cleaning removed nothing.",
    )
)

# %% [markdown]
# ## Provenance
#
# What this document was built from. To rebuild it, run the command below in the project folder;
# report/build/manifest.json holds the same record plus the SHA-256 of the outputs (and of every
# article file when the corpus is too large to list them here).

# %%
prov = PARAMS["provenance"]
show(
    table(
        [
            {"k": "Report version", "v": prov["report"]["version"]},
            {"k": "Build date", "v": prov["build_date"]},
            {"k": "Pipeline code (git commit)", "v": prov["code"]["commit"]},
            {"k": "Uncommitted changes", "v": str(prov["code"]["dirty"])},
            {"k": "Rebuild with", "v": prov["rebuild"]},
        ],
        [("k", "Item"), ("v", "Value")],
    )
)
article_files = {f"{PARAMS['raw']}/{s['file']}" for s in SOURCES.values()}
inputs = sorted(prov["inputs"].items())
articles_in = [(p, h) for p, h in inputs if p in article_files]
many = len(articles_in) > FULL_LIST
listed = [{"path": p, "sha": h} for p, h in inputs if not (many and p in article_files)]
if many:  # one row for the corpus; manifest.json keeps every file's SHA-256
    listing = "".join(f"{h}  {p}\n" for p, h in articles_in)
    listed.append(
        {
            "path": Markup(
                '{} article files under {}/ <span class="note">(SHA-256 of their '
                "<code>sha256sum</code> listing, sorted by path; each file's hash is in "
                "manifest.json)</span>"
            ).format(len(articles_in), PARAMS["raw"]),
            "sha": hashlib.sha256(listing.encode("utf-8")).hexdigest(),
        }
    )
show(
    table(listed, [("path", "Input file"), ("sha", "SHA-256")], css="mono", caption="Inputs"),
    table(
        [{"p": k, "v": v} for k, v in sorted(prov["packages"].items())],
        [("p", "Package"), ("v", "Version")],
        caption="Key packages",
    ),
)

# %% [markdown]
# ## All dated events
#
# Every entry of the merged timeline, in date order, with the sources that report it (the first
# APPENDIX_EVENTS entries in a large corpus; data/processed/timeline.parquet holds them all).

# %%
show(
    table(
        timeline_rows(tl.sort_values(["date", "event_id"]).head(APPENDIX_EVENTS), 1),
        [("date", "Date"), ("event", "Event"), ("sources", "Reported by")],
        total=len(tl),
        empty="No dated events were found.",
    )
)

# %% [markdown]
# ## Source paragraphs
#
# Every paragraph of the clean text that holds a quoted or cited span, with the span highlighted.
# Anchors are `#src-<article>-<start>`, where start is the paragraph's first character in the clean text.

# %%
show(cite.appendix())
