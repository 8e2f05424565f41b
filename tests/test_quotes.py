"""Quotes: speech (not scare quotes or titles), grounded on the quoted text, with a speaker."""

from __future__ import annotations

import pytest

from policybrief.extract import mentions, quotes
from policybrief.extract.gazetteer import load_gazetteer
from policybrief.nlp import blank_pipeline

GAZETTEER = """
titles: [Prime Minister, Foreign Minister]
entities:
- {name: Japan, type: country}
- {name: Russia, type: country}
- {name: Fumio Kishida, type: person}
- {name: Vladimir Putin, type: person}
- {name: Dmitry Medvedev, type: person}
- {name: Sergei Lavrov, type: person}
- {name: Russian Foreign Ministry, type: organisation}
- {name: Reuters, type: organisation}
"""


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory):
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.yaml"
    path.write_text(GAZETTEER, encoding="utf-8")
    return load_gazetteer(path)


def extract(text, gazetteer, **settings):
    doc = blank_pipeline()(text)
    rows = quotes.extract(doc, mentions.extract(doc, gazetteer, {}), settings)
    for row in rows:
        assert row["text"] in text[row["start"] : row["end"]]  # grounding
    return [(r["speaker"], r["text"]) for r in rows]


def test_speaker_named_before_a_speech_verb(gazetteer):
    text = "Prime Minister Fumio Kishida described Russia’s move as ‘unacceptable’."
    assert extract(text, gazetteer) == [("Fumio Kishida", "unacceptable")]


def test_speaker_named_after_the_quote(gazetteer):
    text = "“We will not give up the islands,” Foreign Minister Sergei Lavrov said. “Never,” said Putin."
    assert extract(text, gazetteer) == [
        ("Sergei Lavrov", "We will not give up the islands,"),
        ("Vladimir Putin", "Never,"),
    ]


def test_pronoun_and_he_added_resolve_to_the_previous_speaker(gazetteer):
    text = (
        "Putin favored a compromise. He explained, “We have to reach an acceptable compromise.” "
        "Kishida listened. He added, “This is not the end of the talks at all.”"
    )
    assert [s for s, _ in extract(text, gazetteer)] == ["Vladimir Putin", "Vladimir Putin"]


def test_set_off_paragraph_after_in_his_words(gazetteer):
    text = "Dmitry Medvedev admitted it. In his words:\n\nThe question is closed.\n\nNext paragraph."
    assert extract(text, gazetteer) == [("Dmitry Medvedev", "The question is closed.")]


def test_scare_quotes_and_titles_are_not_speech(gazetteer):
    text = (
        "Abe pushed a “new approach” and the term “inherent territory”. The book “Japan’s Global Diplomacy: "
        "Views from the Next Generation Of Leaders” appeared. A policy called “Look East Again And "
        "Again Now”."
    )
    assert extract(text, gazetteer) == []


def test_long_unattributed_quotation_is_speech_without_a_speaker(gazetteer):
    text = "Russia’s position is that Japan should “negotiate for two islands to seek a compromise” now."
    assert extract(text, gazetteer) == [(None, "negotiate for two islands to seek a compromise")]
    assert extract(text, gazetteer, quote_min_words=9) == []


def test_a_document_introduced_by_which_speaks_for_itself(gazetteer):
    text = "Putin signed the declaration, which noted “prior returning of 2 islands,” in 1956."
    assert extract(text, gazetteer) == [("declaration", "prior returning of 2 islands,")]


def test_a_quote_that_ends_its_sentence_takes_no_speaker_from_the_next(gazetteer):
    text = (
        "The newspaper reports that the ministry “slammed the plan after it was announced in Tokyo.” "
        "Fumio Kishida said the talks go on."
    )
    assert extract(text, gazetteer) == [("newspaper", "slammed the plan after it was announced in Tokyo.")]


def test_apostrophes_do_not_open_or_close_quotes(gazetteer):
    assert extract("Japan’s and Russia’s leaders’ talks ended.", gazetteer) == []


def test_a_role_noun_after_the_quote_refers_to_the_person_named_before(gazetteer):
    text = (
        "Fumio Kishida spoke in parliament. "
        "“Japan remains committed to the conclusion of a treaty,” the Prime Minister said."
    )
    assert [s for s, _ in extract(text, gazetteer)] == ["Fumio Kishida"]


def test_a_quote_attributed_to_an_institution_has_the_institution_as_speaker(gazetteer):
    text = (
        "Fumio Kishida protested. Russia will not talk “under current conditions,” its foreign ministry said."
    )
    assert extract(text, gazetteer) == [("Russia foreign ministry", "under current conditions,")]


def test_a_quote_paragraph_continues_the_previous_speaker_unless_someone_else_is_named(gazetteer):
    text = (
        "“We will not give up the islands,” Lavrov said.\n\n“The question is closed for good now.”\n\n"
        "Fumio Kishida disagreed.\n\n“We will never accept this outcome at all.”"
    )
    assert [s for s, _ in extract(text, gazetteer)] == ["Sergei Lavrov", "Sergei Lavrov", None]


def test_said_the_minister_after_a_dash_refers_to_the_person_named_before(gazetteer):
    text = "According to Sergei Lavrov, talks went well. “The terms are negotiated,” — said the Minister."
    assert extract(text, gazetteer) == [("Sergei Lavrov", "The terms are negotiated,")]


def test_a_role_noun_like_official_refers_back_to_the_person_named_before(gazetteer):
    text = (
        'Kremlin spokesman Dmitry Medvedev spoke on Monday.\n\n"Any meaningful dialogue is absent for now," '
        "the Kremlin official said."
    )
    assert extract(text, gazetteer) == [("Dmitry Medvedev", "Any meaningful dialogue is absent for now,")]


def test_he_refers_to_the_subject_of_the_last_sentence_naming_someone_outside_quotes(gazetteer):
    text = (
        "Vladimir Putin sent greetings to Fumio Kishida. "
        '"Vladimir Putin reaffirmed his commitment to further contacts with Fumio Kishida," the '
        "statement said. "
        'He emphasized that the call made it possible "to outline ways for interaction on the agenda."'
    )
    assert extract(text, gazetteer)[-1] == (
        "Vladimir Putin",
        "to outline ways for interaction on the agenda.",
    )


def test_a_person_in_a_possessive_is_not_the_speaker(gazetteer):
    text = (
        "The white paper, approved by Fumio Kishida’s cabinet on Friday, "
        'noted the balance was "rapidly tilting".'
    )
    assert extract(text, gazetteer) == [(None, "rapidly tilting")]


def test_a_speaker_after_the_quote_may_carry_an_appositive(gazetteer):
    text = '"If fully implemented, it will make a difference," Sergei Lavrov, the foreign minister, said.'
    assert extract(text, gazetteer) == [("Sergei Lavrov", "If fully implemented, it will make a difference,")]


def test_according_to_a_person_names_the_speaker(gazetteer):
    text = 'Last year, according to Lavrov, "purchases from Russia increased and reached a record."'
    assert extract(text, gazetteer) == [
        ("Sergei Lavrov", "purchases from Russia increased and reached a record.")
    ]


def test_a_quotation_running_over_paragraphs_without_closing_marks_is_one_speech(gazetteer):
    text = (
        "Fumio Kishida said: “We will not accept any change of the status quo by force.\n\n"
        "“Japan will stand with its partners until peace returns.”"
    )
    assert extract(text, gazetteer) == [
        ("Fumio Kishida", "We will not accept any change of the status quo by force."),
        ("Fumio Kishida", "Japan will stand with its partners until peace returns."),
    ]


def test_an_attribution_closing_the_sentence_makes_a_short_quote_speech(gazetteer):
    text = (
        'Japan and the United States fear it "may negatively affect" peace in the region, '
        "Foreign Minister Sergei Lavrov said."
    )
    assert extract(text, gazetteer) == [("Sergei Lavrov", "may negatively affect")]


def test_a_subject_separated_from_the_cue_by_a_long_appositive_is_the_speaker(gazetteer):
    text = (
        "Sergei Lavrov, deputy director of the department of statistics and analysis of the customs office, "
        'said "the uncertainty of the external environment has increased."'
    )
    assert extract(text, gazetteer) == [
        ("Sergei Lavrov", "the uncertainty of the external environment has increased.")
    ]


def speakers(text, gazetteer, title=""):
    doc = blank_pipeline()(text)
    rows = quotes.extract(doc, mentions.extract(doc, gazetteer, {}), {}, title)
    return [(r["speaker"], r["speaker_type"]) for r in rows]


def test_institutions_media_and_documents_speak_too(gazetteer):
    text = (
        "The 2022 edition of the defense white paper was released. "
        "The white paper condemned the invasion as a “serious violation of international law.”"
    )
    assert speakers(text, gazetteer) == [("defense white paper", "document")]
    text = "According to The Nikkei Review: “exports fell by a third in a single year.”"
    assert speakers(text, gazetteer) == [("The Nikkei Review", "media")]
    text = "Russia's position is that “there is no territorial dispute at all.”"
    assert speakers(text, gazetteer) == [("Russia", "organisation")]


def test_an_unnamed_official_is_a_new_speaker_not_the_last_one(gazetteer):
    text = "Fumio Kishida spoke. “We cannot accept the move at all,” a government official told reporters."
    assert speakers(text, gazetteer) == [("government official", "person")]


def test_a_pronoun_after_a_role_noun_is_the_person_last_named_with_that_title(gazetteer):
    text = (
        "Vladimir Putin proposed a treaty to Prime Minister Fumio Kishida. Vladimir Putin left. "
        "At a debate, the prime minister emphasised his stance.\n\n"
        "In reference to Putin's remark, he said, “There is no doubt that he wants a treaty.”"
    )
    assert speakers(text, gazetteer)[0] == ("Fumio Kishida", "person")


def test_an_unattributed_quote_after_a_reported_statement_continues_it(gazetteer):
    text = (
        "Fumio Kishida stated that the G7 would act together. "
        "“We are facing a grave situation in which the order of peace is being shaken.”"
    )
    assert speakers(text, gazetteer) == [("Fumio Kishida", "person")]


def test_an_attribution_after_a_quote_that_ends_its_sentence(gazetteer):
    text = "“We must show that aggression comes with a heavy price.” Fumio Kishida stated, as per Kyodo."
    assert speakers(text, gazetteer) == [("Fumio Kishida", "person")]


def test_a_transcripts_answers_belong_to_whom_the_title_names(gazetteer):
    text = "A: I am aware of the announcement of the new corporation.\n\nWe will keep our interests in it."
    title = "Press Conference by Minister Hagiuda (Excerpt)"
    assert speakers(text, gazetteer, title) == [("Hagiuda", "person"), ("Hagiuda", "person")]


def test_an_unnamed_official_after_the_quote_speaks_as_the_text_describes_them(gazetteer):
    text = (
        "Russia “does not intend to continue the talks with Japan at all,” Russia said. "
        "“The decision is extremely regrettable and unacceptable,” an official at the Japanese Embassy in "
        "Moscow said."
    )
    assert [s for s, _ in extract(text, gazetteer)] == [
        "Russia",
        "official at the Japanese Embassy in Moscow",
    ]


def test_a_name_after_its_role_and_before_the_speech_verb_is_the_speaker(gazetteer):
    text = "“This is a complex issue for both sides to resolve,” Putin’s chief adviser, Yury Ushakov, said."
    assert extract(text, gazetteer) == [
        ("Yury Ushakov", "This is a complex issue for both sides to resolve,")
    ]


def test_a_document_read_after_the_quote_is_the_speaker(gazetteer):
    text = "The bombers were “accompanied by fighters of foreign states,” the statement read."
    assert extract(text, gazetteer) == [("statement", "accompanied by fighters of foreign states,")]


@pytest.mark.parametrize(
    "text",
    [
        "Kishida announced a “KleptoCapture” task force on Wednesday.",  # a term running into its noun
        "Abe has repeatedly addressed Putin as “Vladimir,” in public.",  # a form of address
    ],
)
def test_a_term_or_form_of_address_in_quotation_marks_is_not_speech(gazetteer, text):
    assert extract(text, gazetteer) == []


def test_a_term_given_as_someones_words_stays_speech(gazetteer):
    text = "Kishida referenced the violation, calling it a “serious violation” of sovereignty."
    assert extract(text, gazetteer) == [("Fumio Kishida", "serious violation")]


def test_a_participle_clause_quotes_the_subject_of_its_sentence(gazetteer):
    text = (
        "Kishida said a Russian intelligence aircraft also flew off northern Hokkaido on Tuesday, "
        "calling the moves “provocative” again."
    )
    assert extract(text, gazetteer) == [("Fumio Kishida", "provocative")]


def test_the_ministry_after_the_quote_is_the_ministry_named_before(gazetteer):
    text = (
        "The Russian Foreign Ministry ended the talks on Monday. "
        "“All responsibility for the damage lies with Tokyo and its choices,” the ministry said."
    )
    assert [s for s, _ in extract(text, gazetteer)] == ["Russian Foreign Ministry"]


def test_doubled_quotation_marks_close_a_quote_before_its_attribution(gazetteer):
    text = "‘‘We had in-depth discussions on a peace treaty,’’ Kishida told reporters."
    assert [s for s, _ in extract(text, gazetteer)] == ["Fumio Kishida"]


def test_a_quote_after_a_sentence_of_his_speech_is_his(gazetteer):
    text = (
        "Putin spoke for an hour. He also warned against involving NATO in Asia. "
        "“We think the policy of the alliance there is very dangerous for everyone.”"
    )
    assert [s for s, _ in extract(text, gazetteer)] == ["Vladimir Putin"]


def test_words_a_report_attributes_to_someone_are_theirs_not_the_reporters(gazetteer):
    text = "Bombers flew for hours in what Putin said was a “planned and routine flight,” Reuters reported."
    assert [s for s, _ in extract(text, gazetteer)] == ["Vladimir Putin"]


def test_the_company_after_the_quote_is_the_one_the_text_introduced_as_a_company(gazetteer):
    text = (
        "The Russian Foreign Ministry, a government body, and Kishida spoke. "
        "“We will comply with all laws and sanctions that apply to us,” the government body said."
    )
    assert [s for s, _ in extract(text, gazetteer)] == ["Russian Foreign Ministry"]


def test_the_document_after_the_quote_is_the_document_named_before(gazetteer):
    text = (
        "Kiev signed a decree on the islands. "
        "“Ukraine affirms its respect for the territorial integrity of Japan,” the document said."
    )
    assert [s for s, _ in extract(text, gazetteer)] == ["decree"]


def test_it_said_is_the_body_quoted_just_before_never_a_person(gazetteer):
    text = (
        "The Russian Foreign Ministry stated that “the talks are over for now and for good.” "
        "Kishida answered. “All responsibility lies with Tokyo and its government,” it said."
    )
    assert [s for s, _ in extract(text, gazetteer)] == [
        "Russian Foreign Ministry",
        "Russian Foreign Ministry",
    ]
    alone = "Kishida spoke. “All responsibility lies with Tokyo and its government,” it said."
    assert extract(alone, gazetteer)[0][0] != "Fumio Kishida"
