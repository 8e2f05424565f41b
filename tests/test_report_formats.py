"""The two editions of the brief: HTML that holds on a phone and loads nothing, PDF for print.

Uses the hostile project built twice by `twin_builds` (tests/conftest.py).
"""

from __future__ import annotations

import re

from test_report import _Tags


def test_html_tables_scroll_in_their_own_box_and_the_page_refuses_scripts(twin_builds):
    html = twin_builds[0]["html"].read_text()
    tables = len(re.findall(r"<table\b", html))
    assert tables and tables == html.count('<div class="table-scroll"><table')
    parser = _Tags()
    parser.feed(html)
    meta = {a.get("http-equiv") or a.get("name"): a.get("content") for t, a in parser.tags if t == "meta"}
    policy = meta["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "img-src data:" in policy and "script-src" not in policy
    assert ("html", {"lang": "en"}) in parser.tags
