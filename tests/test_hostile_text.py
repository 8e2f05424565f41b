"""Invisible characters and bidi controls in an article: removed at ingest, so names are found, every
offset still indexes the (normalised) text, and no bidi control reaches the report."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from markupsafe import Markup

from policybrief import clean, prepare
from policybrief.config import load_config
from policybrief.extract.article import Resources
from policybrief.registry import Source, load_registry
from policybrief.report.build import to_html
from policybrief.report.render import Citations, cell, table
from policybrief.textio import BIDI_CONTROLS, INVISIBLE, normalise, read_article

ROOT = Path(__file__).resolve().parents[1]
SHY, ZWJ, ZWSP, RLO, PDF_, LRI, PDI = "\u00ad", "\u200d", "\u200b", "\u202e", "\u202c", "\u2066", "\u2069"
TITLE = "Japan holds firm on the islands"
ARTICLE = (
    f"{TITLE}\n\n"
    f"Prime Minister Fumio Ki{SHY}shida met the press in Tokyo on Monday to explain the position of "
    "his government on the disputed islands and on the sanctions against Russia.\n\n"
    f"“We will {RLO}never give up{PDF_} our claim to the islands,” said Fumio Ki{ZWJ}shida, "
    "adding that talks with Moscow would resume only after the war in Ukraine ends.\n\n"
    f"Japan and Russia have not signed a peace treaty since 1945, and {LRI}Ki{ZWSP}shida{PDI} said "
    "that the dispute over the four islands remains the main obstacle to one.\n"
)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """The hostile article through ingest, clean and extraction, as one prepare job runs it."""
    raw = tmp_path_factory.mktemp("raw") / "hostile.txt"
    raw.write_text(ARTICLE, encoding="utf-8")
    config = load_config(ROOT / "config.yaml")
    resources = Resources.load(
        ROOT / config["resources"]["gazetteer"], ROOT / config["resources"]["metrics"], config["extract"]
    )
    cues = clean.load_cues(ROOT / config["resources"]["cleaning_cues"])
    source = Source(id="hostile", file="hostile.txt", title=TITLE, outlet=None, authors=(), published="2024")
    return raw, prepare.prepare_article(source, raw, cues, config["clean"], resources)


def test_normalise_drops_soft_hyphens_zero_width_characters_and_bidi_controls():
    text = normalise(f"\ufeffKi{SHY}shi{ZWJ}da\u2060 {ZWSP}said \u200e{RLO}“no”{PDF_}\u200f\ufeff.")
    assert text == "Kishida said “no”."
    assert not set(text) & set(INVISIBLE + BIDI_CONTROLS)


def test_paragraph_and_audit_offsets_index_the_normalised_raw_text(prepared):
    raw, done = prepared
    text, _ = read_article(raw)
    assert "Kishida" in text and RLO not in text
    rows = done["facts"]["audit"]["paragraphs"]  # every ingested paragraph, kept or removed
    assert all(text[r["raw_start"] : r["raw_end"]] == r["text"] for r in rows)
    body = [r for r in rows if r["decision"] == "body"]
    assert body and all(done["text"][r["start"] : r["end"]] == r["text"] for r in body)


def test_a_name_with_a_soft_hyphen_or_zero_width_joiner_is_a_mention_and_a_quote_speaker(prepared):
    _, done = prepared
    facts = done["facts"]
    kishida = [m for m in facts["mentions"] if m["entity"] == "Fumio Kishida"]
    assert len(kishida) >= 3  # soft hyphen, zero-width joiner, zero-width space inside isolates
    [quote] = facts["quotes"]
    assert quote["speaker"] == "Fumio Kishida"
    assert quote["text"].startswith("We will never give up our claim")


def test_no_bidi_control_survives_in_any_output_of_the_article(prepared):
    _, done = prepared
    outputs = json.dumps(done, ensure_ascii=False)  # paragraphs, clean text, audit, facts
    assert not set(outputs) & set(BIDI_CONTROLS + INVISIBLE)


def test_render_helpers_drop_bidi_controls_from_every_value():
    hostile = f"“We will {RLO}never give up{PDF_}” <b>x</b>"
    assert RLO not in cell(hostile) and "&lt;b&gt;" in cell(hostile)
    assert RLO not in table([{"q": hostile}], [("q", "Quote")])
    audit = pd.DataFrame(
        [{"article_id": "a", "decision": "body", "start": 0, "end": len(hostile), "text": hostile}]
    )
    cite = Citations(audit)
    quoted = cite.quote(hostile, "a", 0, len(hostile))
    assert isinstance(quoted, Markup) and RLO not in quoted and PDF_ not in quoted
    assert RLO not in cite.appendix() and "<mark>" in cite.appendix()


def test_the_html_page_loses_bidi_controls_printed_without_the_helpers():
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell_ = nbformat.v4.new_code_cell("display(HTML(...))")
    cell_.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": f"<p>“{RLO}evil{PDF_}” {LRI}x{PDI}</p>"})
    ]
    nb.cells.append(cell_)
    nb.metadata["policybrief"] = {"title": "T", "version": "1.0.0", "build_date": "2024-01-01"}
    html = to_html(nb)
    assert "evil" in html and not set(html) & set(BIDI_CONTROLS)


def test_registry_text_fields_lose_invisible_characters_and_bidi_controls(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(
        f"- id: a\n  file: a.txt\n  title: 'Ki{SHY}shida {RLO}holds{PDF_} firm'\n"
        f"  outlet: 'The {LRI}Times{PDI}'\n"
        f"  authors: ['Jane{ZWSP} Doe']\n  published: '2024'\n",
        encoding="utf-8",
    )
    [source] = load_registry(tmp_path / "sources.yaml", tmp_path)
    assert (source.title, source.outlet, source.authors) == ("Kishida holds firm", "The Times", ("Jane Doe",))
