"""HTML helpers of the report: escaping, missing values, and citations to source paragraphs."""

import pandas as pd
from markupsafe import Markup

from policybrief.report.render import Citations, amount, number, table, text

PARAS = ["First paragraph.", "Trade <b>fell</b> to $20 billion in 2014. Then it rose."]


def _audit():
    rows, pos = [], 0
    for p in PARAS:
        rows.append({"article_id": "a-1", "decision": "body", "text": p, "start": pos, "end": pos + len(p)})
        pos += len(p) + 2
    rows.append({"article_id": "a-1", "decision": "removed", "text": "Subscribe", "start": None, "end": None})
    return pd.DataFrame(rows)


def test_missing_values_never_print_as_nan_or_none():
    assert text(None) == text(float("nan")) == text(pd.NA) == "—"
    assert number(2e10) == "20 billion" and number(3.0) == "3" and number(0.8333) == "0.83"
    assert amount("3.48e+10 USD") == "34.8 billion USD" and amount("2022-03") == "2022-03"


def test_table_escapes_cells_but_keeps_markup_built_by_helpers():
    html = table([{"x": "<script>x</script>", "y": Markup("<a href='#k'>ok</a>")}], [("x", "X"), ("y", "Y")])
    assert "&lt;script&gt;" in html and "<a href='#k'>ok</a>" in html
    assert "None found" in table([], [("x", "X")])
    assert "Showing 1 of 5 rows" in table([{"x": 1}], [("x", "X")], total=5)


def test_citation_links_to_the_paragraph_and_highlights_the_span():
    cite = Citations(_audit())
    start = len(PARAS[0]) + 2
    sentence = "Trade <b>fell</b> to $20 billion in 2014."
    link = cite.link("a-1", start, start + len(sentence))
    assert f'href="#src-a-1-{start}"' in link
    appendix = cite.appendix()
    assert f'id="src-a-1-{start}"' in appendix
    assert "<mark>Trade &lt;b&gt;fell&lt;/b&gt; to $20 billion in 2014.</mark> Then it rose." in appendix


def test_citation_by_sentence_and_unknown_spans_degrade_to_a_label():
    cite = Citations(_audit())
    assert "#src-a-1-0" in cite.link("a-1", sentence="First paragraph.")
    assert "href" not in cite.link("b-2", 5, 9)
    assert "and 1 more" in cite.links(
        pd.DataFrame({"article_id": ["a-1", "a-1"], "sentence": ["First paragraph.", "Then it rose."]}), 1
    )


def test_event_dates_are_shown_as_dates_not_as_numbers():
    from policybrief.report.render import amount

    assert amount("2022-02") == "2022-02"
    assert amount("2012-12/2014-12") == "2012-12/2014-12"
    assert amount("3.48e+10 USD") == "34.8 billion USD"
