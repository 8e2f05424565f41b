"""Event headlines: one short clause per event, who did what, from the words of its sentence; and the
parser they come from is spaCy's standard small English pipeline, loaded as data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import spacy
from spacy.cli.package import TEMPLATE_INIT

from policybrief.extract import events, headlines
from policybrief.extract.headlines import OPENERS, headline, is_headline, words
from policybrief.nlp import blank_pipeline

# ---------------------------------------------------------------- the model package


def _package_root() -> Path:
    spec = importlib.util.find_spec(headlines.MODEL)
    assert spec is not None, "run `make setup`: requirements-model.lock installs the parser"
    return Path(next(iter(spec.submodule_search_locations)))


def test_the_model_package_loader_is_spacys_standard_one():
    """Loading runs no code of the package, but a changed loader would mean a changed package."""
    root = _package_root()
    standard = TEMPLATE_INIT.format(imports="")
    assert (root / "__init__.py").read_text(encoding="utf-8").split() == standard.split()
    assert sorted(p.name for p in root.rglob("*.py")) == ["__init__.py"]


def test_the_model_config_names_only_spacys_own_components_and_functions():
    config = spacy.util.load_config(headlines.model_path() / "config.cfg", interpolate=False)
    nlp = config["nlp"]
    assert nlp["lang"] == "en"
    assert all(nlp[hook] is None for hook in ("before_creation", "after_creation", "after_pipeline_creation"))
    standard = {"tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"}
    assert {c["factory"] for c in config["components"].values()} <= standard

    def references(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key.startswith("@"):
                    yield key[1:], value
                else:
                    yield from references(value)

    spacy.util.registry.ensure_populated()  # spaCy registers its functions lazily
    found = list(references(dict(config)))
    assert found
    for registry_name, name in found:
        func = spacy.util.registry.get(registry_name, name)  # also resolves spacy-legacy's old names
        module = func.__module__.split(".")[0]
        assert module in ("spacy", "spacy_legacy", "thinc"), (registry_name, name, func.__module__)


def test_the_model_is_loaded_once_and_only_for_sentences_with_events(monkeypatch):
    headlines.parser()  # loaded
    assert headlines.parser() is headlines.parser()
    monkeypatch.setattr(headlines, "parser", lambda: pytest.fail("parsed a text without events"))
    headlines._parse.cache_clear()
    assert events.extract(blank_pipeline()("No date is named here at all."), "2024-10", []) == []


# ---------------------------------------------------------------- headlines
def _headline(sentence: str, date: str) -> str | None:
    start = sentence.index(date)
    return headline(sentence, start, start + len(date))


@pytest.mark.parametrize(
    "sentence, date, expected",
    [
        (  # a relative clause: "who" is replaced by the noun it stands for
            "The leader most taken in by this ruse was Shinzo Abe, who served as Japanese prime minister "
            "from September 2006 to September 2007.",
            "from September 2006 to September 2007",
            "Shinzo Abe served as Japanese prime minister",
        ),
        (  # a subordinate clause: the conjunction goes
            "Although Japan surrendered to the Allies in September 1945, ending World War II, Moscow and "
            "Tokyo have never signed an official peace treaty.",
            "September 1945",
            "Japan surrendered to the Allies",
        ),
        (  # a participle clause takes the subject of the clause it depends on
            "Once returned to the prime minister’s office in December 2012, Abe set about trying to make "
            "this a reality.",
            "December 2012",
            "Abe returned to the prime minister’s office",
        ),
        (  # a clausal complement, trimmed to fit; the opening date and the aside go
            "In March 2012, Putin, who knows a few words of Japanese from his practice of judo, suggested "
            "that the territorial dispute with Japan might be resolved on the basis of a hikiwake.",
            "March 2012",
            "Putin suggested that the territorial dispute with Japan might be resolved",
        ),
        (
            "On 21 March, Russia’s Ministry of Foreign Affairs announced that it does not intend to "
            "continue talks with Japan about concluding a peace treaty.",
            "21 March",
            "Russia’s Ministry of Foreign Affairs announced that it does not intend to continue talks",
        ),
        (  # coordinated subjects keep their conjunction; a passive its agent
            "Between December 2012 through December 2014, Abe and Putin have met seven times.",
            "Between December 2012 through December 2014",
            "Abe and Putin have met seven times",
        ),
        (
            "The peace treaty talks were suspended by Moscow on 21 March 2022.",
            "21 March 2022",
            "The peace treaty talks were suspended by Moscow",
        ),
        (  # "such" goes with the "that" clause it announces
            "Russia’s 2022 invasion of Ukraine has triggered such a severe response from the United "
            "States and most of its allies in Europe and Asia that",  # the sentence as split, cut short
            "2022",
            "Russia’s invasion of Ukraine has triggered a severe response",
        ),
        (  # hyphenated names stay whole; a clause after a comma is an aside
            "In 2013, Russo-Japan trade approached a record $34.8 billion and remained strong throughout "
            "the decade.",
            "2013",
            "Russo-Japan trade approached a record $34.8 billion",
        ),
    ],
)
def test_a_headline_is_the_clause_that_holds_the_date(sentence, date, expected):
    assert _headline(sentence, date) == expected


@pytest.mark.parametrize(
    "sentence, date",
    [
        ("date 2022-08-25 TOKYO, August 25.", "August 25"),  # a dateline: no clause at all
        ("Saturday, August 22, 2015, 7:55 p.m. Central Entrance", "August 22, 2015"),
        ("January 2024 saw double the number of visitors.", "January 2024"),  # the date is the subject
        # the date is another happening's, before or after the clause: the clause would be misdated
        (
            "After the Ukraine invasion in February 2022, Tokyo revoked Russia's trading status.",
            "February 2022",
        ),
        ("Upon collapse of the USSR in 1991, Russia was torn in multiple directions.", "1991"),
    ],
)
def test_a_sentence_without_a_clause_for_the_date_gets_no_headline(sentence, date):
    assert _headline(sentence, date) is None


SENTENCES = [
    ("and again from December 2012 to September 2020, Abe led the government.", "December 2012"),
    ("Japan introduced only token sanctions after Russia annexed Crimea in 2014.", "2014"),
    (
        "The intense economic pressure that the West put on Russia in 2022 could change Moscow’s calculus.",
        "2022",
    ),
    (
        "In April, Tokyo expelled several Russian diplomats and trade officials and revoked Russia’s status.",
        "April",
    ),
    ("Since 2022, Ishiba has been sanctioned by Moscow, which does not help matters.", "2022"),
    (
        "US President Barack Obama phoned Abe on 9 February 2016 in an attempt to persuade him.",
        "9 February 2016",
    ),
    (
        "Joseph Stalin invaded and occupied Japan's four northern islands in the summer of 1945.",
        "the summer of 1945",
    ),
    ("He went to Sochi for the 2014 Winter Olympics, which Western leaders boycotted.", "2014"),
    ("Russia's 2022 invasion of Ukraine has triggered such a severe response that talks stopped.", "2022"),
    ("As recently as 2021, total trade turnover was still above $20 billion, with 45% in energy.", "2021"),
    (
        "While Putin and Lavrov were visiting Japan on November 14, 2004, Lavrov stated that Russia agreed.",
        "November 14, 2004",
    ),
]


@pytest.mark.parametrize("sentence, date", SENTENCES)
def test_every_headline_is_a_grounded_clause_with_a_verb(sentence, date):
    text = _headline(sentence, date)
    assert text is not None
    assert words(text)[0].lower() not in OPENERS
    assert any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in headlines.parser()(text)), text
    vocabulary = {w.lower() for w in words(sentence)}
    assert {w.lower() for w in words(text)} <= vocabulary, text
    assert is_headline(text, sentence)
    assert date not in text


def test_is_headline_rejects_fragments_and_invented_words():
    sentence = "Shinzo Abe, who served as prime minister from 2012 to 2020, met Putin."
    assert is_headline("Shinzo Abe met Putin", sentence)
    assert not is_headline("who served as prime minister", sentence)
    assert not is_headline("and again from 2012", sentence)
    assert not is_headline("Abe meets Putin", sentence)  # "meets" is not the sentence's word


def test_events_carry_their_headline():
    text = "The leader was Shinzo Abe, who served as prime minister from 2012 to 2020."
    (row,) = events.extract(blank_pipeline()(text), "2024-10", [])
    assert row["headline"] == "Shinzo Abe served as prime minister"
    assert row["description"].startswith("who served")
