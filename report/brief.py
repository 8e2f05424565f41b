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
# The notebook reads only data/processed/ (tables and figures) and config files; every number and
# quotation below comes from those tables. Article text is untrusted: it reaches HTML only
# through policybrief.report.render, which escapes it.
import hashlib
from pathlib import Path

import pandas as pd
import yaml
from IPython.display import HTML, display
from markupsafe import Markup

from policybrief.report import changes
from policybrief.report.render import (
    Citations,
    amount,
    bullet_list,
    figure,
    finite,
    heat,
    missing,
    number,
    paragraph,
    table,
    text,
)

TOP = 10  # rows in a top-N table: the brief stays a brief at 1000 articles
TOP_LONG = 25  # rows in the longer listings (outlets, timeline)
# Every table that cites the text is top-N limited, so the "Source paragraphs" appendix stays
# bounded too (about 150 paragraphs at most, whatever the corpus size).
FULL_LIST = 20  # up to this many articles, the sources and input files are listed one by one

PROCESSED = Path(PARAMS["processed"])
FIGURES = PROCESSED / "figures"
# The columns the report reads, per table (the data contract); a missing table reads as empty.
COLUMNS = {
    "articles": [
        "article_id",
        "title",
        "outlet",
        "authors",
        "published",
        "words_raw",
        "words_clean",
        "sha256",
    ],
    "cleaning_audit": ["article_id", "paragraph", "decision", "reason", "text", "start", "end"],
    "mentions": ["article_id", "entity", "type", "surface", "start", "end"],
    "events": ["article_id", "date", "precision", "description", "actors", "sentence", "start", "end"],
    "quantities": ["article_id", "value", "unit", "metric", "year", "qualifier", "sentence", "start", "end"],
    "quotes": ["article_id", "speaker", "text", "start", "end"],
    "positions": ["article_id", "dimension", "score", "confidence", "evidence", "start", "end"],
    "position_evidence": [
        "article_id",
        "dimension",
        "sentence",
        "start",
        "end",
        "cue",
        "weight",
        "polarity",
        "normative",
    ],
    "position_agreement": [
        "set",
        "dimension",
        "scheme",
        "n_coded",
        "n_null",
        "direction",
        "exact",
        "within_one",
        "coverage",
        "invented",
        "alpha",
    ],
    "author_distances": ["article_a", "article_b", "distance", "n_dimensions", "split_dimension"],
    "corroborated_facts": [
        "fact_id",
        "kind",
        "key",
        "value",
        "n_sources",
        "article_id",
        "sentence",
        "start",
        "end",
    ],
    "contradictions": ["contradiction_id", "kind", "key", "article_id", "value", "sentence", "start", "end"],
    "timeline": ["event_id", "date", "precision", "description", "n_sources", "article_ids", "sentences"],
    "evaluation": ["set", "article_id", "fact_type", "tp", "fp", "fn", "precision", "recall", "f1"],
}
SET_LABELS = {
    "test": "Unseen test set (20 texts, 16 outlets never used to write rules)",
    "dev": "Unseen development set (20 texts; rules were tuned on it)",
    "seeds": "Seed articles (in-sample: the rules were written from them)",
}


def load(name: str) -> pd.DataFrame:
    path = PROCESSED / f"{name}.parquet"
    df = pd.read_parquet(path) if path.is_file() else pd.DataFrame()
    for column in COLUMNS[name]:
        if column not in df.columns:
            df[column] = pd.Series(dtype="object")
    return df


def show(*parts) -> None:
    display(HTML(str(Markup("").join(parts))))


T = {name: load(name) for name in COLUMNS}
SOURCES = {s["id"]: s for s in PARAMS["sources"]}
cite = Citations(T["cleaning_audit"])


def who(article_id: str) -> str:
    """Authors, else outlet, of an article: how the brief names the people behind a text."""
    src = SOURCES.get(article_id, {})
    return ", ".join(src.get("authors") or []) or src.get("outlet") or f"unsigned ({article_id})"


def article(article_id: str) -> Markup:
    src = SOURCES.get(article_id, {})
    return Markup('{} <span class="note">({}, {})</span>').format(
        who(article_id), article_id, text(src.get("published"))
    )


def by_value(rows: pd.DataFrame) -> list[tuple[object, pd.DataFrame]]:
    """Rows grouped by their value, the value given by most sources first (for disputes at any scale)."""
    groups = list(rows.groupby("value", sort=False, dropna=False))
    return sorted(groups, key=lambda vg: (-vg[1]["article_id"].nunique(), str(vg[0])))


def sources_phrase(rows: pd.DataFrame) -> str:
    n = rows["article_id"].nunique()
    return who(rows["article_id"].iloc[0]) if n == 1 else f"{n} sources"


def codebook_rows(path) -> list[dict]:
    """Dimensions of the codebook (a mapping or list under `dimensions`): question, kind, scale, poles."""
    book = yaml.safe_load(Path(path).read_text(encoding="utf-8")) if Path(path).is_file() else None
    dims = book.get("dimensions", {}) if isinstance(book, dict) else book
    if isinstance(dims, dict):
        dims = [{"name": k, **(v if isinstance(v, dict) else {"question": v})} for k, v in dims.items()]
    rows = []
    for d in dims or []:
        if isinstance(d, dict):
            scale, poles = d.get("scale"), d.get("poles")
            rows.append(
                {
                    "name": d.get("name") or d.get("id"),
                    "question": d.get("question") or d.get("description"),
                    "kind": d.get("kind"),
                    "scale": " to ".join(map(str, scale)) if isinstance(scale, list) else scale,
                    "poles": "; ".join(f"{k}: {v}" for k, v in poles.items())
                    if isinstance(poles, dict)
                    else poles,
                }
            )
    return rows


CODEBOOK = codebook_rows(PARAMS["resources"]["codebook"])


# %% [markdown]
# ## Executive summary


# %%
def summary_sentences() -> list[Markup]:
    out = []
    arts = T["articles"]
    if arts.empty:
        return [Markup("No articles were processed.")]
    dates = sorted(arts["published"].dropna().astype(str))
    out.append(
        Markup(
            "This brief compares {} articles from {} outlets, published between {} and {} "
            '(<a href="#sources">sources</a>).'
        ).format(
            len(arts),
            arts["outlet"].dropna().nunique(),
            dates[0] if dates else "—",
            dates[-1] if dates else "—",
        )
    )

    facts = T["corroborated_facts"]
    if not facts.empty:
        top = facts.sort_values(["n_sources", "fact_id"], ascending=[False, True])
        fid = top["fact_id"].iloc[0]
        rows = (
            facts[facts["fact_id"] == fid].sort_values(["article_id", "start"]).drop_duplicates("article_id")
        )
        links = cite.links(rows)
        key, value = str(rows["key"].iloc[0]), amount(rows["value"].iloc[0])
        out.append(
            Markup("The most widely corroborated fact, reported by {} sources: {}{} {}.").format(
                int(rows["n_sources"].iloc[0]), key.rstrip("."), "" if value in key else f" ({value})", links
            )
        )
    else:
        out.append(Markup("No fact is reported by more than one source."))

    pos = T["positions"].dropna(subset=["score"])
    spread = pos.groupby("dimension")["score"].agg(["min", "max", "count", "std"])
    spread = spread[spread["count"] >= 2]
    if not spread.empty:
        agree = spread.sort_values(["std", "count"], ascending=[True, False]).index[0]
        rows = pos[pos["dimension"] == agree].sort_values("article_id").head(3)
        links = Markup(" ").join(cite.link(r.article_id, r.start, r.end) for r in rows.itertuples())
        out.append(
            Markup(
                "Positions converge most on {}: the {} scored articles range only from {} to {} {}."
            ).format(
                agree,
                int(spread.loc[agree, "count"]),
                number(spread.loc[agree, "min"]),
                number(spread.loc[agree, "max"]),
                links,
            )
        )
        split = (spread["max"] - spread["min"]).sort_values(ascending=False, kind="stable").index[0]
        rows = pos[pos["dimension"] == split].sort_values(["score", "article_id"])
        lo, hi = rows.iloc[0], rows.iloc[-1]
        out.append(
            Markup("They diverge most on {}: {} scores {} {} while {} scores {} {}.").format(
                split,
                who(hi.article_id),
                number(hi.score),
                cite.link(hi.article_id, hi.start, hi.end),
                who(lo.article_id),
                number(lo.score),
                cite.link(lo.article_id, lo.start, lo.end),
            )
        )
    else:
        out.append(Markup("Too few articles were scored on the same dimension to compare positions."))

    far = T["author_distances"].sort_values(
        ["distance", "article_a", "article_b"], ascending=[False, True, True]
    )
    if not far.empty:
        r = far.iloc[0]
        out.append(
            Markup(
                "The furthest apart overall are {} and {} (distance {}, split most on {}; "
                '<a href="#positions">positions</a>).'
            ).format(who(r.article_a), who(r.article_b), number(r.distance), text(r.split_dimension))
        )

    con = T["contradictions"]
    if not con.empty:
        sides = (
            con.groupby("contradiction_id")["article_id"]
            .nunique()
            .sort_values(ascending=False, kind="stable")
        )
        cid = sorted(sides[sides == sides.iloc[0]].index)[0]
        rows = con[con["contradiction_id"] == cid].sort_values(["article_id", "start"])
        claims = Markup("; ").join(
            Markup("{} gives {} {}").format(sources_phrase(g), amount(value), cite.links(g, 2))
            for value, g in by_value(rows)[:3]
        )
        out.append(
            Markup("The sources contradict each other on {} point(s); the sharpest, {}: {}.").format(
                con["contradiction_id"].nunique(), rows["key"].iloc[0], claims
            )
        )
    else:
        out.append(Markup("No contradicting figures or dates were found between the sources."))
    return out


show(Markup('<p class="summary">{}</p>').format(Markup(" ").join(summary_sentences())))

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
# ## Timeline of events
#
# Dated events, with the sources that report each. Events reported by more sources come first in the
# table; the figure shows the full timeline.

# %%
tl = T["timeline"].copy()
tl["n_sources"] = pd.to_numeric(tl["n_sources"])
top = tl.sort_values(["n_sources", "date", "event_id"], ascending=[False, True, True]).head(TOP_LONG)
rows = []
for r in top.sort_values(["date", "event_id"]).itertuples():
    reports = pd.DataFrame(
        sorted(zip(list(r.article_ids), list(r.sentences))), columns=["article_id", "sentence"]
    )
    rows.append({"date": r.date, "event": r.description, "n": r.n_sources, "sources": cite.links(reports, 1)})
show(
    figure(FIGURES / "timeline.svg", "Events by date and reporting source.", "Timeline of events"),
    table(
        rows,
        [("date", "Date"), ("event", "Event"), ("n", "Sources"), ("sources", "Reported by")],
        total=len(tl),
        empty="No dated events were found.",
    ),
)

# %% [markdown]
# ## Positions
#
# Each article is scored on the codebook's policy dimensions (see *Methodology*). The heatmap shows the
# scores; in the table each score links to its strongest evidence sentence.

# %%
pos = T["positions"]
order = [d["name"] for d in CODEBOOK]
dims = sorted(
    pos["dimension"].dropna().unique(), key=lambda d: (order.index(d) if d in order else len(order), d)
)
scored = pos.dropna(subset=["score"])
limit = max((abs(v) for v in finite(scored["score"])), default=0)
coverage = scored.groupby("article_id").size().sort_values(ascending=False, kind="stable")
shown = sorted(coverage.index[:TOP], key=lambda a: (SOURCES.get(a, {}).get("published", ""), a))
rows = []
for aid in shown:
    row = {"article": article(aid)}
    for d in dims:
        hit = pos[(pos["article_id"] == aid) & (pos["dimension"] == d)]
        if hit.empty or missing(hit["score"].iloc[0]):
            row[d] = heat(None, limit)
        else:
            h = hit.iloc[0]
            evidence = Markup("") if missing(h.start) else cite.link(aid, h.start, h.end, label="evidence")
            row[d] = heat(h.score, limit) + Markup(" ") + evidence
    rows.append(row)
show(
    figure(FIGURES / "position_heatmap.svg", "Scores by article and policy dimension.", "Position heatmap"),
    table(
        rows,
        [("article", "Article")] + [(d, d) for d in dims],
        css="heatmap",
        total=len(coverage),
        empty="No article could be scored on any dimension.",
    ),
)

# %% [markdown]
# ### Evidence behind the scores
#
# For each dimension, the sentences that weigh most in the scores (by absolute weight).

# %%
ev = T["position_evidence"].copy()
ev["strength"] = pd.to_numeric(ev["weight"]).abs()
rows = []
for d, group in ev.groupby("dimension", sort=True):
    strongest = group.sort_values(["strength", "article_id", "start"], ascending=[False, True, True])
    for r in strongest.drop_duplicates(["article_id", "start"]).head(3).itertuples():
        rows.append(
            {
                "dimension": d,
                "polarity": {1: "+", -1: "−", 0: "0"}.get(int(r.polarity), text(r.polarity)),
                "cue": r.cue,
                "sentence": cite.quote(r.sentence, r.article_id, r.start, r.end),
            }
        )
show(
    table(
        rows,
        [("dimension", "Dimension"), ("polarity", "Direction"), ("cue", "Cue"), ("sentence", "Evidence")],
        empty="No evidence sentences were found.",
    )
)

# %% [markdown]
# ### Closest and furthest authors

# %%
dist = T["author_distances"].copy()
dist["distance"] = pd.to_numeric(dist["distance"])
cols = [
    ("a", "Article"),
    ("b", "Article"),
    ("distance", "Distance"),
    ("n", "Shared dimensions"),
    ("split", "Differ most on"),
]


def pairs(df):
    return [
        {
            "a": article(r.article_a),
            "b": article(r.article_b),
            "distance": number(r.distance),
            "n": r.n_dimensions,
            "split": r.split_dimension,
        }
        for r in df.itertuples()
    ]


order = ["distance", "article_a", "article_b"]
show(
    table(
        pairs(dist.sort_values(order).head(TOP // 2)),
        cols,
        caption="Closest pairs",
        empty="No pair of articles shares a scored dimension.",
    ),
    table(
        pairs(dist.sort_values(order, ascending=[False, True, True]).head(TOP // 2)),
        cols,
        caption="Furthest pairs",
        empty="No pair of articles shares a scored dimension.",
    ),
)

# %% [markdown]
# ### Shift of positions over publication time

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
        {"dimension": d, **{y: number(means.loc[d, y]) if y in means.columns else None for y in years}}
        for d in means.index
    ]
    cols = [("dimension", "Dimension")] + [(y, y) for y in years]
show(
    figure(FIGURES / "positions_over_time.svg", "Scores by publication date.", "Positions over time"),
    table(rows, cols, caption="Mean score by publication year", empty="No scored positions."),
)

# %% [markdown]
# ## Facts in dispute and facts corroborated
#
# ### Contradictions
#
# Figures and dates on which sources disagree, side by side with the sentences that state them.

# %%
con = T["contradictions"]
sides = con.groupby("contradiction_id")["article_id"].nunique()
ranked = sorted(sides.index, key=lambda c: (-sides[c], str(c)))


def also(g: pd.DataFrame) -> Markup:
    """The other sources giving the same value, named but not cited: the appendix stays bounded."""
    if len(g) < 2:
        return Markup("")
    names = ", ".join(map(who, g["article_id"].iloc[1:3])) + (", …" if len(g) > 3 else "")
    return Markup(' <span class="note">and {} more: {}</span>').format(len(g) - 1, names)


rows = []
for cid in ranked[: TOP // 2]:
    group = con[con["contradiction_id"] == cid].sort_values(["article_id", "start"])
    for i, (value, g) in enumerate(by_value(group)[:3]):
        first = g.iloc[0]
        rows.append(
            {
                "key": f"{first.key} ({first.kind})" if i == 0 else "",
                "value": amount(value),
                "article": article(first.article_id) + also(g),
                "sentence": cite.quote(first.sentence, first.article_id, first.start, first.end),
            }
        )
show(
    table(
        rows,
        [("key", "Point in dispute"), ("value", "Says"), ("article", "Source"), ("sentence", "Sentence")],
        empty="None found: no two sources give conflicting figures or dates.",
    ),
    Markup('<p class="note">{} of {} contradictions shown.</p>').format(
        min(TOP // 2, len(ranked)), len(ranked)
    )
    if len(ranked) > TOP // 2
    else Markup(""),
)

# %% [markdown]
# ### Corroborated facts
#
# Facts reported alike by more than one source, most widely reported first.

# %%
facts = T["corroborated_facts"]
ranked = (
    facts.drop_duplicates("fact_id").sort_values(["n_sources", "kind", "key"], ascending=[False, True, True])
    if not facts.empty
    else facts
)
rows = []
for f in ranked.head(TOP).itertuples():
    support = facts[facts["fact_id"] == f.fact_id].sort_values(["article_id", "start"])
    rows.append(
        {
            "fact": f"{f.key} ({f.kind})",
            "value": amount(f.value),
            "n": f.n_sources,
            "sources": cite.links(support, 2),
        }
    )
show(
    table(
        rows,
        [("fact", "Fact"), ("value", "Value"), ("n", "Sources"), ("sources", "Evidence")],
        total=len(ranked),
        empty="None found: no fact is reported by two or more sources.",
    )
)

# %% [markdown]
# ### Key figures
#
# Dated quantities by metric and year, as each source gives them (the metrics reported by most sources).

# %%
q = T["quantities"].dropna(subset=["year"])
q = q[q["metric"] != "other"]
groups = []
for (metric, year, unit), g in q.groupby(["metric", "year", "unit"], sort=True):
    groups.append((-g["article_id"].nunique(), str(metric), int(year), str(unit), g))
rows = []
for _, metric, year, unit, g in sorted(groups, key=lambda x: x[:4])[:TOP]:
    g = g.sort_values(["article_id", "start"])
    rows.append(
        {
            "metric": metric,
            "year": year,
            "unit": unit,
            "values": Markup("; ").join(
                Markup("{} ({}) {}").format(number(v), sources_phrase(vg), cite.links(vg, 1))
                for v, vg in by_value(g)[:3]
            ),
        }
    )
show(
    figure(FIGURES / "key_figures.svg", "Key figures by year and source.", "Key figures"),
    table(
        sorted(rows, key=lambda r: (r["metric"], r["year"])),
        [("metric", "Metric"), ("year", "Year"), ("unit", "Unit"), ("values", "Values by source")],
        total=len(groups),
        empty="None found: no dated figure of a named metric.",
    ),
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
# ## Methodology and validation
#
# The pipeline runs in five stages, each a Snakemake rule calling one function of the `policybrief`
# package: **ingest** (read the raw text into paragraphs), **clean** (drop navigation, references and
# other page furniture, keeping an audit of every decision), **extract** (entities, dated events,
# quantities and quotations, each tied to a character span of the clean text), **analyze** (positions on
# the codebook's dimensions, corroboration and contradictions across sources, the timeline) and
# **report** (this document). A fact whose span does not hold its evidence stops the build.
#
# ### Codebook

# %%
show(
    table(
        CODEBOOK,
        [
            ("name", "Dimension"),
            ("question", "Question"),
            ("kind", "Kind"),
            ("scale", "Scale"),
            ("poles", "Poles"),
        ],
        empty="The codebook defines no dimensions.",
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
        for name, label in SET_LABELS.items()
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
            "most": "; ".join(f"{a} ({n})" for a, n in per[:3]),
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
# ## Source paragraphs
#
# Every paragraph of the clean text that holds a quoted or cited span, with the span highlighted.
# Anchors are `#src-<article>-<start>`, where start is the paragraph's first character in the clean text.

# %%
show(cite.appendix())
