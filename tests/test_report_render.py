"""HTML helpers of the report: escaping, missing values, and citations to source paragraphs."""

import pandas as pd
from markupsafe import Markup

from policybrief.report.render import (
    Citations,
    amount,
    count_word,
    join_words,
    number,
    plural,
    quantity,
    reader_date,
    reader_number,
    table,
    text,
)

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


def test_figures_read_as_a_reader_writes_them():
    assert quantity(3.2e10, "USD") == "$32 billion"
    assert quantity(3.48e10, "USD", "approx") == "about $34.8 billion"
    assert quantity(2e10, "USD", "over") == "over $20 billion"
    assert quantity(27, "count") == "27" and quantity(27, "count", noun="meetings") == "27 meetings"
    assert (
        quantity(5.3, "percent") == "5.3%" and quantity(7.1, "percentage_points") == "7.1 percentage points"
    )
    assert quantity(1.58e10, "JPY") == "15.8 billion yen" and quantity(1.05e8, "USD") == "$105 million"
    assert quantity(3.5, "percent", "change") == "a change of 3.5%"
    assert quantity(None, "USD") == "—"
    assert (
        reader_number(1234.0) == "1,234"
        and reader_number(2.80) == "2.8"
        and reader_number(1.25e12) == "1.25 trillion"
    )


def test_dates_counts_and_lists_read_as_prose():
    assert reader_date("2022-03-21") == "21 March 2022" and reader_date("2022-03") == "March 2022"
    assert reader_date("2006-09/2007-09") == "September 2006 to September 2007"
    assert reader_date("2012/2020") == "2012 to 2020" and reader_date("not a date") == "not a date"
    assert count_word(3) == "three" and count_word(27) == "27" and plural(1, "author") == "one author"
    assert plural(5, "source") == "five sources"
    assert join_words(["Brown"]) == "Brown" and join_words(["Brown", "Hirose"]) == "Brown and Hirose"
    assert join_words(["A", "B", "C"]) == "A, B and C"
    assert join_words(["A", "B", "C", "D", "E"], limit=3) == "A, B, C and two others"


def test_citations_name_sources_as_readers_know_them():
    cite = Citations(_audit(), labels={"a-1": "Brown"})
    start = len(PARAS[0]) + 2
    link = cite.link("a-1", start, start + 5)
    assert ">[Brown]</a>" in link and f'href="#src-a-1-{start}"' in link
    assert "Brown (a-1)" in cite.appendix()
    assert cite.link("zz-9", 0, 3) == Markup('<span class="cite">[zz-9]</span>')
