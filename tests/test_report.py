"""The report stage: a self-contained, safe, reproducible brief built from the pipeline's tables.

The fixture writes a tiny project (three articles, every table of the data contract, small SVG
figures) so the notebook is exercised without running the pipeline.
"""

from __future__ import annotations

import re
import shutil
import time
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import yaml
from conftest import ids_in, prose, section

from policybrief.report import changes
from policybrief.report.build import build_report

REPO = Path(__file__).resolve().parents[1]
VERSION = "1.2.0"
EPOCH = "1700000000"  # 2023-11-14
HOSTILE = (
    '<script>alert(1)</script> and <img src=x onerror="alert(2)"> and <a href="javascript:alert(3)">click</a>'
)

TEXTS = {
    "alpha-2022-talks": [
        "Japan and Russia: the talks collapse",
        "Trade between Japan and Russia reached $33 billion in 2013, the peak of the decade.",
        'Tokyo should hold firm on sanctions, said Fumio Kishida. "We will not yield," Kishida said.',
        "The peace treaty talks were suspended on 21 March 2022.",
    ],
    "beta-2024-outlook": [
        "What next for Japan and Russia",
        "Bilateral trade stood at $35 billion in 2013 before it declined.",
        "Engagement with Moscow remains necessary for the fisheries, the author argues.",
        "The peace treaty talks were suspended in March 2022 by Moscow.",
    ],
    "gamma-2015-seeking": [
        "Still seeking normal relations",
        "Shinzo Abe met Vladimir Putin in 2013 and trade grew.",
        "Sanctions after Crimea were mild; Japan kept engaging Russia.",
    ],
}


def _span(aid: str, needle: str, texts) -> tuple[int, int]:
    clean = "\n\n".join(texts[aid])
    start = clean.index(needle)
    return start, start + len(needle)


def _sentence_row(aid, sentence, texts, **extra):
    start, end = _span(aid, sentence, texts)
    return {"article_id": aid, "sentence": sentence, "start": start, "end": end, **extra}


def _svg(label: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120" viewBox="0 0 400 120">'
        f'<rect x="10" y="10" width="380" height="100" fill="#dde"/><text x="20" y="60">{label}</text></svg>'
    )


def _replicate(df: pd.DataFrame, copies: int) -> pd.DataFrame:
    """`copies` renamed copies of a table (article ids and fact ids get a -<k> suffix): a large corpus."""
    out = []
    for k in range(copies):
        c = df.copy()
        for col in ("article_id", "article_a", "article_b", "fact_id", "contradiction_id", "event_id"):
            if col in c:
                c[col] = c[col].map(lambda v, k=k: f"{v}-{k}" if isinstance(v, str) and v != "ALL" else v)
        if "article_ids" in c:
            c["article_ids"] = c["article_ids"].map(lambda ids, k=k: [f"{a}-{k}" for a in ids])
        out.append(c)
    return pd.concat(out, ignore_index=True)


def _findings(texts, alpha_sanction: str, beta_engage: str) -> pd.DataFrame:
    """Three findings as the analyze stage states them (analyze/findings.py), all in the summary."""
    rows = []
    for rank, kind, subject_type, subject, label, statement, evidence in [
        (
            1,
            "contradiction",
            "quantity",
            "C1",
            "Trade turnover in 2013",
            "Trade turnover in 2013: Alpha gives $33 billion, while Outlet beta gives $35 billion.",
            [
                ("alpha-2022-talks", "$33 billion", TEXTS["alpha-2022-talks"][1], None),
                ("beta-2024-outlook", "$35 billion", TEXTS["beta-2024-outlook"][1], None),
            ],
        ),
        (
            2,
            "corroboration",
            "event",
            "F1",
            "The peace treaty talks were suspended",
            "The peace treaty talks were suspended (March 2022): reported by Alpha and Outlet beta.",
            [
                ("alpha-2022-talks", "21 March 2022", TEXTS["alpha-2022-talks"][3], "E1"),
                ("beta-2024-outlook", "March 2022", TEXTS["beta-2024-outlook"][3], "E1"),
            ],
        ),
        (
            3,
            "split",
            "dimension",
            "sanctions",
            "Sanctions on Russia",
            "Sanctions on Russia: Alpha is firmly for tightening, while Outlet beta is for easing.",
            [
                ("alpha-2022-talks", "firmly for tightening", alpha_sanction, None),
                ("beta-2024-outlook", "for easing", beta_engage, None),
            ],
        ),
    ]:
        for aid, side, sentence, event_id in evidence:
            rows.append(
                _sentence_row(
                    aid,
                    sentence,
                    texts,
                    finding_id=f"K{rank:03d}",
                    rank=rank,
                    kind=kind,
                    subject_type=subject_type,
                    subject=subject,
                    label=label,
                    strength=round(0.7 - rank / 10, 2),
                    statement=statement,
                    n_articles=2,
                    side=side,
                    event_id=event_id,
                    key=True,
                )
            )
    return pd.DataFrame(rows)


def make_project(root: Path, *, hostile: bool = False, empty_analysis: bool = False, copies: int = 1) -> dict:
    """Write a small project (config, registry records, processed tables, figures) under `root`;
    `copies` > 1 repeats every article under new ids to make a large corpus."""
    texts = {k: list(v) for k, v in TEXTS.items()}
    if hostile:  # an attacker-controlled paragraph, quoted by the report
        texts["beta-2024-outlook"][2] = f"Engagement is necessary {HOSTILE}, the author argues."
    proc = root / "data/processed"
    (proc / "figures").mkdir(parents=True)
    (root / "config").mkdir()
    (root / "report/versions").mkdir(parents=True)
    for name in ("codebook", "metrics"):  # the report reads them through their schema-checked loaders
        for suffix in ("yaml", "schema.yaml"):
            shutil.copyfile(REPO / f"config/{name}.{suffix}", root / f"config/{name}.{suffix}")
    (root / "config/gazetteer.yaml").write_text("[]\n")
    sources = [
        {
            "id": aid,
            "file": f"{aid}.txt",
            "title": f"Title of {aid}" + (" <b>bold</b>" if hostile else ""),
            "outlet": "Outlet " + aid.split("-")[0],
            "authors": [] if aid.startswith("beta") else [f"Ann {aid.split('-')[0].capitalize()}"],
            "published": aid.split("-")[1] + "-03",
            "inferred": ["published"] if aid.startswith("beta") else [],
            "notes": "Month inferred from the events reported." if aid.startswith("beta") else "",
            "sha256": "0" * 64,
        }
        for aid in sorted(texts)
    ]

    audit, articles = [], []
    for aid, paras in texts.items():
        pos = 0
        for i, p in enumerate(paras):
            audit.append(
                {
                    "article_id": aid,
                    "paragraph": i,
                    "decision": "body",
                    "reason": "body",
                    "text": p,
                    "start": pos,
                    "end": pos + len(p),
                    "raw_start": pos,
                    "raw_end": pos + len(p),
                }
            )
            pos += len(p) + 2
        audit.append(
            {
                "article_id": aid,
                "paragraph": len(paras),
                "decision": "removed",
                "reason": "navigation",
                "text": "Subscribe now",
                "start": None,
                "end": None,
                "raw_start": pos,
                "raw_end": pos + 13,
            }
        )
        words = sum(len(p.split()) for p in paras)
        src = next(x for x in sources if x["id"] == aid)
        articles.append(
            {
                "article_id": aid,
                "title": src["title"],
                "outlet": src["outlet"],
                "authors": src["authors"],
                "published": src["published"],
                "words_raw": words + 2,
                "words_clean": words,
                "sha256": "0" * 64,
            }
        )
    beta_engage = texts["beta-2024-outlook"][2]
    tables = {
        "articles": pd.DataFrame(articles),
        "cleaning_audit": pd.DataFrame(audit),
        "mentions": pd.DataFrame(
            [
                {
                    "article_id": "alpha-2022-talks",
                    "entity": "Fumio Kishida",
                    "type": "person",
                    "surface": "Kishida",
                    "start": _span("alpha-2022-talks", "Kishida", texts)[0],
                    "end": _span("alpha-2022-talks", "Kishida", texts)[1],
                },
                {
                    "article_id": "gamma-2015-seeking",
                    "entity": "Shinzo Abe",
                    "type": "person",
                    "surface": "Shinzo Abe",
                    "start": 33,
                    "end": 43,
                },
            ]
        ),
        "events": pd.DataFrame(
            [
                _sentence_row(
                    "alpha-2022-talks",
                    TEXTS["alpha-2022-talks"][3],
                    texts,
                    date="2022-03-21",
                    precision="day",
                    description="Talks suspended",
                    headline="The peace treaty talks were suspended",
                    actors=["Russia"],
                    surface="21 March 2022",
                )
            ]
        ),
        "quantities": pd.DataFrame(
            [
                _sentence_row(
                    "alpha-2022-talks",
                    TEXTS["alpha-2022-talks"][1],
                    texts,
                    value=33e9,
                    unit="USD",
                    metric="trade_turnover",
                    year=2013,
                    qualifier="exact",
                    surface="$33 billion",
                ),
                _sentence_row(
                    "beta-2024-outlook",
                    TEXTS["beta-2024-outlook"][1],
                    texts,
                    value=35e9,
                    unit="USD",
                    metric="trade_turnover",
                    year=2013,
                    qualifier="exact",
                    surface="$35 billion",
                ),
            ]
        ),
        "quotes": pd.DataFrame(
            [
                {
                    "article_id": "alpha-2022-talks",
                    "speaker": "Fumio Kishida",
                    "text": "We will not yield,",
                    **dict(zip(("start", "end"), _span("alpha-2022-talks", "We will not yield,", texts))),
                },
                {
                    "article_id": "beta-2024-outlook",
                    "speaker": None,
                    "text": beta_engage,
                    **dict(zip(("start", "end"), _span("beta-2024-outlook", beta_engage, texts))),
                },
            ]
        ),
        "evaluation": pd.DataFrame(
            [
                {
                    "article_id": "ALL",
                    "fact_type": "quotes",
                    "tp": 3,
                    "fp": 1,
                    "fn": 0,
                    "precision": 0.75,
                    "recall": 1.0,
                    "f1": 0.857,
                },
                {
                    "article_id": "ALL",
                    "fact_type": "events",
                    "tp": 0,
                    "fp": 0,
                    "fn": 0,
                    "precision": None,
                    "recall": None,
                    "f1": None,
                },
            ]
        ),
    }
    alpha_sanction = TEXTS["alpha-2022-talks"][2]
    analysis = {
        "positions": pd.DataFrame(
            [
                _sentence_row(
                    "alpha-2022-talks",
                    alpha_sanction,
                    texts,
                    dimension="sanctions",
                    score=2.0,
                    confidence=0.8,
                )
                | {"evidence": alpha_sanction},
                _sentence_row(
                    "beta-2024-outlook", beta_engage, texts, dimension="engagement", score=1.0, confidence=0.6
                )
                | {"evidence": beta_engage},
                {
                    "article_id": "beta-2024-outlook",
                    "dimension": "sanctions",
                    "score": -1.0,
                    "confidence": 0.5,
                    "evidence": beta_engage,
                    **dict(zip(("start", "end"), _span("beta-2024-outlook", beta_engage, texts))),
                },
                {
                    "article_id": "gamma-2015-seeking",
                    "dimension": "sanctions",
                    "score": None,
                    "confidence": 0.0,
                    "evidence": None,
                    "start": None,
                    "end": None,
                },
                _sentence_row(
                    "gamma-2015-seeking",
                    TEXTS["gamma-2015-seeking"][2],
                    texts,
                    dimension="engagement",
                    score=0.0,
                    confidence=0.3,
                )
                | {"evidence": TEXTS["gamma-2015-seeking"][2]},
            ]
        ).drop(columns=["sentence"]),
        "position_evidence": pd.DataFrame(
            [
                _sentence_row(
                    "alpha-2022-talks",
                    alpha_sanction,
                    texts,
                    dimension="sanctions",
                    cue="hold firm",
                    weight=1.5,
                    polarity=1,
                    normative=True,
                ),
                _sentence_row(
                    "beta-2024-outlook",
                    beta_engage,
                    texts,
                    dimension="engagement",
                    cue="necessary",
                    weight=1.0,
                    polarity=1,
                    normative=True,
                ),
            ]
        ),
        "coder_agreement": pd.DataFrame(
            [{"dimension": "ALL", "scheme": "full", "n": 3, "exact": 0.67, "within_one": 1.0, "alpha": None}]
        ),
        "author_distances": pd.DataFrame(
            [
                {
                    "article_a": "alpha-2022-talks",
                    "article_b": "beta-2024-outlook",
                    "distance": 3.0,
                    "n_dimensions": 1,
                    "split_dimension": "sanctions",
                }
            ]
        ),
        "corroborated_facts": pd.DataFrame(
            [
                _sentence_row(
                    aid,
                    s,
                    texts,
                    fact_id="F1",
                    kind="event",
                    key="peace treaty talks suspended",
                    value="2022-03",
                    n_sources=2,
                )
                for aid, s in (
                    ("alpha-2022-talks", TEXTS["alpha-2022-talks"][3]),
                    ("beta-2024-outlook", TEXTS["beta-2024-outlook"][3]),
                )
            ]
        ),
        "contradictions": pd.DataFrame(
            [
                _sentence_row(
                    "alpha-2022-talks",
                    TEXTS["alpha-2022-talks"][1],
                    texts,
                    contradiction_id="C1",
                    kind="quantity",
                    key="trade_turnover 2013",
                    value="33000000000",
                ),
                _sentence_row(
                    "beta-2024-outlook",
                    TEXTS["beta-2024-outlook"][1],
                    texts,
                    contradiction_id="C1",
                    kind="quantity",
                    key="trade_turnover 2013",
                    value="35000000000",
                ),
            ]
        ),
        "timeline": pd.DataFrame(
            [
                {
                    "event_id": "E1",
                    "date": "2022-03",
                    "precision": "month",
                    "description": "Peace treaty talks suspended",
                    "headline": "The peace treaty talks were suspended",
                    "n_sources": 2,
                    "article_ids": ["alpha-2022-talks", "beta-2024-outlook"],
                    "sentences": [TEXTS["alpha-2022-talks"][3], TEXTS["beta-2024-outlook"][3]],
                }
            ]
        ),
    }
    scores = analysis["positions"]["score"]
    analysis["positions"]["status"] = [
        "not addressed" if pd.isna(x) else ("no clear direction" if x == 0 else "position") for x in scores
    ]
    analysis["findings"] = _findings(texts, alpha_sanction, beta_engage)
    if empty_analysis:
        analysis = {k: v.iloc[0:0] for k, v in analysis.items()}
    for name, df in {**tables, **analysis}.items():
        per_article = name not in ("evaluation", "coder_agreement")
        (_replicate(df, copies) if copies > 1 and per_article else df).to_parquet(
            proc / f"{name}.parquet", index=False
        )
    if copies > 1:
        sources = [
            {**s, "id": f"{s['id']}-{k}", "file": f"{s['id']}-{k}.txt"}
            for k in range(copies)
            for s in sources
        ]
    (root / "data/raw").mkdir(parents=True)
    for s in sources:
        (root / "data/raw" / s["file"]).write_text(s["id"])
    for fig in ("position_heatmap", "positions_over_time", "timeline", "key_figures"):
        (proc / "figures" / f"{fig}.svg").write_text(_svg(fig))
    config = yaml.safe_load((REPO / "config.yaml").read_text())
    config["report"]["version"] = VERSION
    (root / "config.yaml").write_text(yaml.safe_dump(config))
    return {"config": config, "sources": sources}


def build(root: Path, project: dict) -> dict:
    cfg = project["config"]
    stem = f"report/build/{cfg['report']['slug']}-v{VERSION}"
    outputs = {
        "html": f"{stem}.html",
        "pdf": f"{stem}.pdf",
        "notebook": f"{stem}.ipynb",
        "latest_html": "report/build/latest.html",
        "latest_pdf": "report/build/latest.pdf",
        "manifest": "report/build/manifest.json",
        "snapshot": f"report/versions/{VERSION}",
    }
    inputs = sorted(p.relative_to(root).as_posix() for p in (root / "data/processed").glob("*.parquet"))
    inputs += ["data/processed/figures", "config.yaml", "config/codebook.yaml"]
    inputs += [f"data/raw/{s['file']}" for s in project["sources"]]
    build_report(
        notebook=REPO / "report/brief.py",
        report=cfg["report"],
        paths=cfg["paths"],
        config_files=cfg["resources"],
        sources=project["sources"],
        inputs=inputs,
        outputs=outputs,
    )
    return {k: root / v for k, v in outputs.items()}


def previous_snapshot(root: Path) -> None:
    """A snapshot of version 1.1.0 in which the trade contradiction did not exist yet."""
    old = root / "report/versions/1.1.0"
    old.mkdir(parents=True)
    proc = root / "data/processed"
    pd.read_parquet(proc / "positions.parquet").assign(score=0.0).to_parquet(old / "positions.parquet")
    pd.read_parquet(proc / "contradictions.parquet").iloc[0:0].to_parquet(old / "contradictions.parquet")


# `twin_builds` (tests/conftest.py): the hostile project of make_project built twice, shared with
# the browser test.


def test_two_clean_builds_are_byte_identical(twin_builds):
    first, second = twin_builds
    for key in ("html", "pdf", "notebook", "manifest"):
        assert first[key].read_bytes() == second[key].read_bytes(), key
    assert first["pdf"].read_bytes().startswith(b"%PDF")


def test_latest_copies_and_version_snapshot(twin_builds):
    out = twin_builds[0]
    assert out["latest_html"].read_bytes() == out["html"].read_bytes()
    assert out["latest_pdf"].read_bytes() == out["pdf"].read_bytes()
    assert sorted(p.name for p in out["snapshot"].iterdir()) == [
        "contradictions.parquet",
        "corroborated_facts.parquet",
        "manifest.json",
        "positions.parquet",
    ]


def test_manifest_records_inputs_outputs_and_code_version(twin_builds):
    out = twin_builds[0]
    m = yaml.safe_load(out["manifest"].read_text())
    assert m["report"]["version"] == VERSION and m["build_date"] == "2023-11-14"
    assert m["code"]["commit"] == "unknown"  # the temp project is not a git checkout
    assert "data/processed/figures/timeline.svg" in m["inputs"] and "config/codebook.yaml" in m["inputs"]
    assert "data/raw/alpha-2022-talks.txt" in m["inputs"]
    assert "data/raw/alpha-2022-talks.txt" in out["html"].read_text()  # a small corpus lists every file
    html = out["html"].relative_to(out["html"].parents[2]).as_posix()
    assert re.fullmatch(r"[0-9a-f]{64}", m["outputs"][html])
    assert m["packages"]["weasyprint"] == "70.0"


def test_html_loads_nothing_from_the_network(twin_builds):
    html = twin_builds[0]["html"].read_text()
    assert not re.search(r"<script\b", html, re.I)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", html, re.I)
    assert "data:image/svg+xml;base64," in html


class _Tags(HTMLParser):
    """Collects the real elements and attributes of a page (escaped text is not an element)."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_hostile_article_text_is_inert(twin_builds):
    html = twin_builds[0]["html"].read_text()
    parser = _Tags()
    parser.feed(html)
    assert not [t for t, _ in parser.tags if t in ("script", "iframe", "object", "embed", "b")]
    assert not [a for _, attrs in parser.tags for a in attrs if a.lower().startswith("on")]
    assert not [
        v
        for _, attrs in parser.tags
        for k, v in attrs.items()
        if k in ("href", "src") and (v or "").strip().lower().startswith("javascript:")
    ]
    visible = unescape(re.sub(r"<[^>]+>", "", html))
    assert HOSTILE in visible  # shown to the reader as text
    assert "Title of alpha-2022-talks <b>bold</b>" in visible


def test_report_shows_sections_build_date_and_grounded_links(twin_builds):
    html = twin_builds[0]["html"].read_text()
    for heading in (
        "Executive summary",
        "Sources",
        "Timeline of events",
        "Positions",
        "Facts in dispute",
        "Actors",
        "Methodology and validation",
        "Provenance",
        "Source paragraphs",
    ):
        assert re.search(rf'<h2 class="section" id="[^"]+">{heading}', html), heading
    assert "Build date: 2023-11-14" in html and "Version 1.2.0" in html
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    assert set(re.findall(r'href="#([^"]+)"', toc)) == set(
        re.findall(r'<h2 class="section" id="([^"]+)"', html)
    )
    # print stylesheet: contents with page numbers, page x of y, running header with the version
    assert "target-counter(attr(href), page)" in html and 'counter(page) " of " counter(pages)' in html
    assert '@top-right { content: "Version 1.2.0"; }' in html
    anchors = set(re.findall(r'id="(src-[a-z0-9-]+-\d+)"', html))
    links = set(re.findall(r'href="#(src-[a-z0-9-]+-\d+)"', html))
    assert links and links <= anchors
    start = TEXTS["alpha-2022-talks"][0].__len__() + 2  # the trade paragraph of alpha
    assert f"src-alpha-2022-talks-{start}" in anchors
    assert "35 billion" in html and "33 billion" in html  # the contradiction, side by side
    assert "(inferred)" in html


def test_what_changed_lists_new_contradictions_and_changed_positions(twin_builds):
    html = twin_builds[0]["html"].read_text()
    assert "Compared with version 1.1.0" in html
    assert "trade_turnover 2013" in html and "added" in html and "changed" in html


def test_empty_analysis_tables_read_none_found(tmp_path, monkeypatch):
    project = make_project(tmp_path, empty_analysis=True)
    monkeypatch.chdir(tmp_path)
    html = build(tmp_path, project)["html"].read_text()
    visible = re.sub(r"<[^>]+>", " ", html)
    assert "None found" in visible
    assert not re.search(r"\bnan\b|\bNone\b(?! found)|\bNaN\b|Traceback", visible)


def test_previous_version_is_the_newest_older_snapshot(tmp_path):
    for v in ("0.9.0", "0.10.0", "1.0.0", "not-a-version"):
        (tmp_path / v).mkdir()
    assert changes.previous_version(tmp_path, "1.0.0").name == "0.10.0"
    assert changes.previous_version(tmp_path, "0.9.0") is None
    assert changes.previous_version(tmp_path / "missing", "1.0.0") is None


def test_what_changed_diffs_facts_positions_and_contradictions(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    pd.DataFrame({"article_id": ["a", "a"], "dimension": ["x", "y"], "score": [1.0, 2.0]}).to_parquet(
        old / "positions.parquet"
    )
    pd.DataFrame({"article_id": ["a", "b"], "dimension": ["x", "x"], "score": [1.0, -1.0]}).to_parquet(
        new / "positions.parquet"
    )
    fact = {"fact_id": "F", "kind": "event", "key": "talks", "n_sources": 2, "article_id": "a"}
    pd.DataFrame([{**fact, "value": "2022-03"}]).to_parquet(old / "corroborated_facts.parquet")
    pd.DataFrame([{**fact, "value": "2022-04"}]).to_parquet(new / "corroborated_facts.parquet")
    diff = changes.what_changed(old, new)
    got = {(r.kind, r.item, r.change) for r in diff.itertuples()}
    assert got == {
        ("positions", "a / y", "removed"),
        ("positions", "b / x", "added"),
        ("facts", "event talks", "changed"),
    }


def test_a_thousand_articles_still_make_a_brief(tmp_path, monkeypatch):
    """Top-N tables and aggregates keep the brief short however large the corpus (here 900 articles);
    the manifest still records every input file."""
    from weasyprint import HTML

    project = make_project(tmp_path, copies=300)
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    out = build(tmp_path, project)
    html = out["html"].read_text()
    assert time.monotonic() - started < 60
    assert "900 articles from 3 outlets" in html  # sources aggregated by outlet and year
    assert "900 article files under data/raw/" in html and "data/raw/alpha-2022-talks-0.txt" not in html
    assert len(yaml.safe_load(out["manifest"].read_text())["inputs"]) > 900
    # only what the shown tables cite: top-N tables, the appendix of events one source each
    assert len(re.findall(r'class="source-paragraph"', html)) <= 250
    assert len(HTML(string=html).render().pages) < 40


def test_summary_and_positions_speak_in_words_with_linked_citations(twin_builds):
    html = twin_builds[0]["html"].read_text()
    root = twin_builds[0]["html"].parents[2]
    for anchor in ("executive-summary", "where-the-authors-stand"):
        text = section(html, anchor)
        assert not ids_in(prose(html, anchor), root, TEXTS), anchor
        assert not ids_in(text, root, TEXTS) and "(s)" not in text, anchor
    summary = section(html, "executive-summary")
    assert "Trade turnover in 2013: Alpha gives $33 billion, while Outlet beta gives $35 billion." in summary
    assert "three articles from three outlets" in summary and "[Alpha]" in summary
    assert HOSTILE not in prose(html, "executive-summary")  # quoted article text stays in <q>, escaped
    stand = section(html, "where-the-authors-stand")
    assert "Sanctions on Russia" in stand and "What should be done with sanctions against Russia?" in stand
    assert "not addressed" in stand and "addressed, no clear direction" in stand
    assert "Gamma does not address it" in stand and "Gamma addresses it without a clear direction" in stand
    assert "The sources are split." in stand


def test_timeline_shows_headlines_of_the_events_that_matter(twin_builds):
    html = twin_builds[0]["html"].read_text()
    timeline = html[html.index('id="timeline-of-events"') : html.index('id="facts-in-dispute')]
    assert re.findall(r'<span class="headline">([^<]+)</span>', timeline) == [
        "The peace treaty talks were suspended"
    ]
    assert "Talks suspended" not in section(html, "timeline-of-events")
