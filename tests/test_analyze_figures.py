"""The merged-timeline figure: a time axis with one lane per source, legible at any corpus size."""

from __future__ import annotations

import pandas as pd

from policybrief.analyze import figures, plotting
from policybrief.analyze import timeline_figure as tf


def test_a_date_covers_its_whole_period():
    assert tf._period("2016") == (pd.Timestamp("2016-01-01"), pd.Timestamp("2017-01-01"))
    assert tf._period("2016-05") == (pd.Timestamp("2016-05-01"), pd.Timestamp("2016-06-01"))
    assert tf._period("2012-12/2020-09") == (pd.Timestamp("2012-12-01"), pd.Timestamp("2020-10-01"))


def _corpus(n_articles: int, n_outlets: int):
    ids = [f"art{i:04d}-2020" for i in range(n_articles)]
    articles = pd.DataFrame(
        {
            "article_id": ids,
            "outlet": [f"Outlet {i % n_outlets:02d}" for i in range(n_articles)],
            "published": ["2020-01"] * n_articles,
        }
    )
    timeline = pd.DataFrame(
        {
            "event_id": [f"E{i}" for i in range(n_articles)],
            "date": ["2016-05"] * n_articles,
            "n_sources": 1,
            "article_ids": [[a] for a in ids],
        }
    )
    return timeline, articles


def test_each_article_has_its_own_lane_while_they_fit():
    timeline, articles = _corpus(5, 5)
    lane_of, names = tf._lanes(timeline, articles)
    assert names == [f"art{i:04d}-2020" for i in range(5)] and sorted(lane_of.values()) == list(range(5))


def test_a_large_corpus_is_laned_by_outlet_and_the_smallest_share_one_lane():
    timeline, articles = _corpus(1000, 50)
    lane_of, names = tf._lanes(timeline, articles)
    assert len(names) == tf.MAX_LANES and names[-1] == f"{50 - tf.MAX_LANES + 1} other sources"
    assert set(lane_of.values()) == set(range(tf.MAX_LANES))


def test_timeline_svg_is_deterministic_and_numbers_only_the_best_attested(tmp_path):
    timeline = pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3"],
            "date": ["2013", "2016-05", "2022-03-21"],
            "n_sources": [1, 2, 3],
            "description": ["trade peaked", "Abe offered an eight-point plan", "Russia suspended the talks"],
            "article_ids": [["a-2015"], ["a-2015", "b-2022"], ["a-2015", "b-2022", "c-2024"]],
        }
    )
    articles = pd.DataFrame(
        {"article_id": ["a-2015", "b-2022", "c-2024"], "outlet": None, "published": ["2015", "2022", "2024"]}
    )
    svgs = []
    for name in ("one.svg", "two.svg"):
        with figures.plt.rc_context(figures.STYLE):
            tf.timeline_figure(timeline, articles, tmp_path / name)
        svgs.append((tmp_path / name).read_text())
    assert svgs[0] == svgs[1]
    assert (
        "Russia suspended the talks" in svgs[0] and "trade peaked" not in svgs[0]
    )  # keyed: only shared events


def test_figures_name_sources_as_the_brief_does_and_long_names_by_their_initials():
    articles = pd.DataFrame(
        {
            "article_id": ["a-2015", "b-2022"],
            "title": ["A", "B"],
            "authors": [["Yoko Hirose"], []],
            "outlet": [None, "Foreign Policy Research Institute"],
            "published": ["2015-03", "2022-04"],
        }
    )
    names = plotting.source_names(articles)
    assert names == {"a-2015": "Hirose (2015)", "b-2022": "Foreign Policy Research Institute (2022)"}
    assert plotting.point_label(names["b-2022"]) == "FPRI (2022)"
    assert plotting.point_label(names["a-2015"]) == "Hirose (2015)"
