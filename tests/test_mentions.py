"""Mentions: canonical names from the gazetteer, grounded exactly on their surface."""

from __future__ import annotations

import pytest

from policybrief.extract import mentions
from policybrief.extract.gazetteer import load_gazetteer
from policybrief.nlp import blank_pipeline

GAZETTEER = """
titles: [Prime Minister, President, Foreign Minister, Spokeswoman, Mr.]
entities:
- {name: Japan, type: country, aliases: [Tokyo], demonyms: [Japanese]}
- {name: Russia, type: country, aliases: [Moscow], demonyms: [Russian]}
- {name: Shinzo Abe, type: person, aliases: [Shinzō Abe]}
- {name: Akie Abe, type: person}
- {name: Junichiro Koizumi, type: person}
- {name: Shinjiro Koizumi, type: person}
- {name: Dmitry Medvedev, type: person}
- {name: Bill Clinton, type: person}
- {name: Iturup, type: place, aliases: [Etorofu]}
- {name: East China Sea, type: place}
- {name: China, type: country}
- {name: Irkutsk, type: place}
- {name: Eurasia, type: place}
- {name: Eurasian Union, type: organisation}
- {name: Georgia, type: country}
- {name: Ministry of Foreign Affairs of Russia, type: organisation, of: Russia,
   generic: [Ministry of Foreign Affairs]}
- {name: Ministry of Foreign Affairs of Japan, type: organisation, of: Japan,
   generic: [Ministry of Foreign Affairs]}
not_entities: [Washington Consensus]
"""


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory):
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.yaml"
    path.write_text(GAZETTEER, encoding="utf-8")
    return load_gazetteer(path)


def extract(text, gazetteer, **settings):
    rows = mentions.extract(blank_pipeline()(text), gazetteer, {"fuzzy_min_score": 88, **settings})
    for row in rows:
        assert text[row["start"] : row["end"]] == row["surface"]  # grounding: exactly the surface
        assert set(row) == {"entity", "type", "surface", "canonical", "start", "end"}
    return rows


def pairs(rows):
    return [(r["entity"], r["surface"]) for r in rows]


def test_titles_are_stripped_and_aliases_map_to_the_canonical_name(gazetteer):
    rows = extract("Then-Prime Minister Shinzō Abe visited Etorofu.", gazetteer)
    assert pairs(rows) == [("Shinzo Abe", "Shinzō Abe"), ("Iturup", "Etorofu")]


def test_capitals_are_country_mentions_and_demonyms_are_not_mentions(gazetteer):
    rows = extract("Tokyo protested to Moscow; Japanese and Russian officials met in Japan.", gazetteer)
    assert pairs(rows) == [("Japan", "Tokyo"), ("Russia", "Moscow"), ("Japan", "Japan")]
    assert {r["type"] for r in rows} == {"country"}


def test_the_longest_name_wins(gazetteer):
    assert pairs(extract("Ships in the East China Sea.", gazetteer)) == [("East China Sea", "East China Sea")]


def test_names_inside_not_entities_are_not_counted(gazetteer):
    assert extract("The Washington Consensus failed.", gazetteer) == []


def test_hyphenated_and_possessive_names_are_found(gazetteer):
    rows = extract("Japan-Russia ties and Russia’s claim.", gazetteer)
    assert [r["entity"] for r in rows] == ["Japan", "Russia", "Russia"]


def test_surname_resolves_to_the_full_name_used_in_the_article(gazetteer):
    text = "Shinjiro Koizumi spoke first. Later Koizumi left."
    assert [r["entity"] for r in extract(text, gazetteer)] == ["Shinjiro Koizumi", "Shinjiro Koizumi"]


def test_surname_used_before_the_full_name_still_resolves_to_it(gazetteer):
    text = "Koizumi arrived. Shinjiro Koizumi then spoke."
    assert [r["entity"] for r in extract(text, gazetteer)] == ["Shinjiro Koizumi", "Shinjiro Koizumi"]


def test_ambiguous_surname_without_full_name_takes_the_first_listed_bearer(gazetteer):
    assert [r["entity"] for r in extract("Abe said no.", gazetteer)] == ["Shinzo Abe"]


def test_misspelt_surname_is_caught_by_fuzzy_matching(gazetteer):
    rows = extract("Mevedev responded on X.", gazetteer)
    assert pairs(rows) == [("Dmitry Medvedev", "Mevedev")]
    assert rows[0]["canonical"] is True


def test_fuzzy_threshold_comes_from_settings(gazetteer):
    assert extract("Mevedev responded on X.", gazetteer, fuzzy_min_score=99) == []


def test_short_names_are_not_fuzzy_matched(gazetteer):
    assert extract("Bilton wrote.", gazetteer) == []  # Clinton is 2 edits away; short names too risky


def test_people_outside_the_gazetteer_are_flagged_non_canonical(gazetteer):
    text = (
        "Foreign Minister Yoko Kamikawa met Lavrov. Spokeswoman Maria Zakharova objected. Kamikawa replied."
    )
    rows = [r for r in extract(text, gazetteer) if r["type"] == "person"]
    assert pairs(rows) == [
        ("Yoko Kamikawa", "Yoko Kamikawa"),
        ("Maria Zakharova", "Maria Zakharova"),
        ("Yoko Kamikawa", "Kamikawa"),
    ]
    assert not any(r["canonical"] for r in rows)


def test_a_reporting_verb_marks_an_unknown_two_word_name_as_a_person(gazetteer):
    rows = extract("Yoko Hirose recommends patience, according to Taro Yamada.", gazetteer)
    assert pairs(rows) == [("Yoko Hirose", "Yoko Hirose"), ("Taro Yamada", "Taro Yamada")]


def test_capitalised_phrases_without_person_cues_are_not_people(gazetteer):
    assert extract("The Cold War ended. World War II began in Europe.", gazetteer) == []


def test_generic_organisation_needs_a_country_before_it(gazetteer):
    rows = extract(
        "Russia’s Ministry of Foreign Affairs and the Japanese Ministry of Foreign Affairs met; "
        "a Ministry of Foreign Affairs official came.",
        gazetteer,
    )
    assert pairs(rows) == [
        ("Russia", "Russia"),
        ("Ministry of Foreign Affairs of Russia", "Ministry of Foreign Affairs"),
        ("Ministry of Foreign Affairs of Japan", "Japanese Ministry of Foreign Affairs"),
    ]


def test_multiword_place_names_match_in_sentence_case_but_not_lower_case(gazetteer):
    rows = extract("East china sea and the east China sea.", gazetteer)
    assert pairs(rows) == [("East China Sea", "East china sea"), ("China", "China")]


def test_a_new_first_name_before_a_known_surname_is_another_person(gazetteer):
    text = "Mr. Abe, a fisherman, left. “We cannot go out any more,” said Hiroshi Abe. Later Abe returned."
    rows = [r for r in extract(text, gazetteer) if r["type"] == "person"]
    assert pairs(rows) == [("Hiroshi Abe", "Abe"), ("Hiroshi Abe", "Hiroshi Abe"), ("Hiroshi Abe", "Abe")]


def test_datelines_in_capitals_are_mentions_but_short_lowercase_words_are_not(gazetteer):
    assert pairs(extract("TOKYO, Oct. 4 – talks resumed; tokyo was calm.", gazetteer)) == [("Japan", "TOKYO")]


def test_a_misspelt_place_name_is_caught_by_fuzzy_matching(gazetteer):
    assert pairs(extract("The train left Irkutsuk at dawn.", gazetteer)) == [("Irkutsk", "Irkutsuk")]


def test_a_misspelt_two_word_name_is_not_read_as_its_shorter_neighbour(gazetteer):
    assert pairs(extract("Eurasia Union members met.", gazetteer)) == [("Eurasian Union", "Eurasia Union")]


def test_an_inflected_name_is_no_misspelling(gazetteer):
    assert pairs(extract("The Georgians voted and the Russians left.", gazetteer)) == []


def test_an_unknown_person_with_an_appositive_before_the_reporting_verb_is_found(gazetteer):
    text = (
        "Alexander Novak, the deputy prime minister in charge of energy, said imports fell. Novak added more."
    )
    rows = extract(text, gazetteer)
    assert pairs(rows) == [("Alexander Novak", "Alexander Novak"), ("Alexander Novak", "Novak")]
    assert not any(r["canonical"] for r in rows)


def test_a_word_ending_an_institution_name_is_not_a_first_name(gazetteer):
    text = "The Commissioner for the Internal Market and Services Thierry Breton said gas was scarce."
    assert pairs(extract(text, gazetteer)) == [("Thierry Breton", "Thierry Breton")]


def test_an_unqualified_generic_name_refers_back_to_the_body_named_before(gazetteer):
    text = (
        "Russia’s Ministry of Foreign Affairs protested. Later the Ministry of Foreign Affairs summoned him."
    )
    assert [r["entity"] for r in extract(text, gazetteer)] == [
        "Russia",
        "Ministry of Foreign Affairs of Russia",
        "Ministry of Foreign Affairs of Russia",
    ]
    assert [r["entity"] for r in extract("The Ministry of Foreign Affairs protested.", gazetteer)] == []


def test_a_known_surname_written_first_is_its_bearer_or_another_person(gazetteer):
    rows = extract("Abe Shinzo met Medvedev. Later Abe Hiroto, an aide, spoke.", gazetteer)
    assert [(r["entity"], r["surface"], r["canonical"]) for r in rows] == [
        ("Shinzo Abe", "Abe Shinzo", True),
        ("Dmitry Medvedev", "Medvedev", True),
        ("Abe Hiroto", "Abe Hiroto", False),
    ]


def test_a_role_title_before_an_unknown_name_marks_a_person(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("titles: [Chief]\nentities:\n- {name: Japan, type: country}\n", encoding="utf-8")
    rows = extract("The bloc's foreign policy chief Josep Borrell arrived in Japan.", load_gazetteer(path))
    assert pairs(rows) == [("Josep Borrell", "Josep Borrell"), ("Japan", "Japan")]


def test_an_unknown_two_word_name_whose_last_word_recurs_alone_is_a_person(gazetteer):
    rows = extract("Josep Borrell arrived in Tokyo. The visit let Borrell meet officials.", gazetteer)
    assert pairs(rows) == [
        ("Josep Borrell", "Josep Borrell"),
        ("Japan", "Tokyo"),
        ("Josep Borrell", "Borrell"),
    ]
    assert extract("He toured the Vostochny Spaceport and left.", gazetteer) == []
