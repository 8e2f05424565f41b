"""Ingest decodes, normalises and splits an article into paragraphs whose offsets trace back to the text."""

from __future__ import annotations

import unicodedata

from policybrief.ingest import ingest_article, split_paragraphs
from policybrief.registry import Source
from policybrief.textio import normalise, read_article


def source(file="a.txt"):
    return Source(id="a", file=file, title="T", outlet=None, authors=(), published="2024")


def test_every_nonblank_line_is_a_paragraph_with_offsets_into_the_text():
    text = "Title line\n\n  First paragraph of the body.  \n\n\nSecond one.\n"
    paragraphs = split_paragraphs(text)
    assert [p["text"] for p in paragraphs] == ["Title line", "First paragraph of the body.", "Second one."]
    assert all(text[p["start"] : p["end"]] == p["text"] for p in paragraphs)
    assert [p["index"] for p in paragraphs] == [0, 1, 2]


def test_hard_wrapped_paragraphs_are_joined_across_lines():
    text = (
        "Japan and Russia never signed\na peace treaty after the war.\n\n"
        "Sanctions followed in 2022\nand talks were suspended.\n\nShare this\n"
    )
    paragraphs = split_paragraphs(text)
    assert [p["text"] for p in paragraphs] == [
        "Japan and Russia never signed a peace treaty after the war.",
        "Sanctions followed in 2022 and talks were suspended.",
        "Share this",
    ]
    assert (
        text[paragraphs[0]["start"] : paragraphs[0]["end"]]
        == "Japan and Russia never signed\na peace treaty after the war."
    )


def test_a_hard_wrapped_file_with_one_long_line_is_still_joined():
    wrapped = "Japan and Russia never signed\na peace treaty after the war.\n\n"
    text = wrapped * 4 + "https://example.org/" + "x" * 150 + "\n\n" + wrapped * 4
    paragraphs = split_paragraphs(text)
    assert len(paragraphs) == 9
    assert paragraphs[0]["text"] == "Japan and Russia never signed a peace treaty after the war."


def test_a_saved_page_with_long_paragraph_lines_is_not_joined():
    body = "Japan and Russia never signed a peace treaty after the war, and the dispute remains open. " * 2
    text = f"Menu\nHome\nNews\n\n{body}\n\n{body}\nShare\n"
    assert [p["text"] for p in split_paragraphs(text)][:3] == ["Menu", "Home", "News"]


def test_a_long_menu_column_does_not_make_a_saved_page_hard_wrapped():
    body = "Japan and Russia never signed a peace treaty after the war, and the dispute remains open. " * 2
    menu = "\n".join(["Home", "News", "Asia", "Europe", "Opinion", "Podcasts", "Events", "About"] * 3)
    text = f"{menu}\n\n{body}\n\n{body}\n"
    assert [p["text"] for p in split_paragraphs(text)][:2] == ["Home", "News"]


def test_a_word_hyphenated_at_a_wrapped_line_end_stays_one_token():
    text = (
        "Since 1956 Japan's position on the islands has been well-\nknown in Moscow and in Washington.\n\n"
        "Both governments have treated the dispute as the main\nobstacle to a peace treaty.\n"
    )
    assert split_paragraphs(text)[0]["text"] == (
        "Since 1956 Japan's position on the islands has been well-known in Moscow and in Washington."
    )


def test_normalise_makes_nfc_unix_text_and_keeps_curly_quotes_and_dashes():
    decomposed = unicodedata.normalize("NFD", "Zürich")
    text = normalise("\ufeff“Quoted” — it’s " + decomposed + "\r\nnext\rline")
    assert text == "“Quoted” — it’s Zürich\nnext\nline"
    assert unicodedata.is_normalized("NFC", text)


def test_ingest_reports_hash_of_raw_bytes_and_raw_word_count(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Line one here.\r\n\r\nLine two.\r\n")
    ingested = ingest_article(source(), path)
    text, digest = read_article(path)
    assert ingested["sha256"] == digest and len(digest) == 64
    assert ingested["words_raw"] == 5
    assert [p["text"] for p in ingested["paragraphs"]] == ["Line one here.", "Line two."]
    assert "\r" not in text
