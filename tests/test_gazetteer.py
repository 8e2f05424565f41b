"""The gazetteer is data: it loads, validates with one clear error, and builds its matcher once."""

from __future__ import annotations

from pathlib import Path

import pytest

from policybrief.errors import InputError
from policybrief.extract.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "gazetteer.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_project_gazetteer_loads_and_covers_the_domain():
    gaz = load_gazetteer(ROOT / "config" / "gazetteer.yaml")
    aliases = gaz.aliases
    assert aliases["Etorofu"].name == aliases["Iturup"].name == "Iturup"
    assert aliases["Southern Kurils"].name == "Northern Territories"
    assert aliases["Shinzō Abe"].name == "Shinzo Abe"
    assert aliases["Tokyo"].name == "Japan" and aliases["Tokyo"].type == "country"  # capital convention
    for org in ("G7", "NATO", "EU", "UN", "LDP", "MOFA", "JETRO", "TASS", "ASEAN", "Quad", "SCO", "BRICS"):
        assert aliases[org].type == "organisation", org
    assert "Japanese" not in aliases and "Russian" not in aliases  # demonyms are not mentions


def test_surname_defaults_to_last_word_and_can_be_overridden(tmp_path):
    gaz = load_gazetteer(
        write(
            tmp_path,
            """
entities:
- {name: Junichiro Koizumi, type: person}
- {name: Shinjiro Koizumi, type: person}
- {name: Xi Jinping, type: person, surname: Xi}
- {name: Theresa May, type: person, surname: null}
""",
        )
    )
    assert [e.name for e in gaz.surnames["Koizumi"]] == ["Junichiro Koizumi", "Shinjiro Koizumi"]
    assert "Xi" in gaz.surnames and "Jinping" not in gaz.surnames
    assert "May" not in gaz.surnames


def test_apostrophe_forms_are_interchangeable(tmp_path):
    gaz = load_gazetteer(
        write(tmp_path, "entities:\n- {name: China, type: country, aliases: [People’s Republic of China]}\n")
    )
    assert gaz.aliases["People's Republic of China"].name == "China"


def test_matcher_is_built_once_per_gazetteer(tmp_path):
    gaz = load_gazetteer(write(tmp_path, "entities:\n- {name: Japan, type: country}\n"))
    assert gaz.matcher is gaz.matcher


@pytest.mark.parametrize(
    "text, problem",
    [
        ("entities:\n- {name: Japan, type: nation}\n", r"key entities\.0\.type: 'nation' is not one of"),
        (
            "entities:\n- {name: Japan, type: country, alias: [Tokyo]}\n",
            r"key entities\.0: Additional properties",
        ),
        (
            "entities:\n- {name: Japan, type: country, aliases: [Tokyo]}\n- {name: Tokyo, type: place}\n",
            "listed for both",
        ),
        ("entities:\n- {name: MFA, type: organisation, generic: [Foreign Ministry]}\n", "no `of` country"),
        (
            "entities:\n- {name: MFA, type: organisation, of: Japan, generic: [Foreign Ministry]}\n",
            "not a country",
        ),
        ("- just a string\n", r"key \(top level\): \['just a string'\] is not of type 'object'"),
        ("entities: {Japan: country}\n", r"key entities: \{'Japan': 'country'\} is not of type 'array'"),
        ("entities: [\n", "not valid YAML"),
        ("base: &b {name: Japan, type: country}\nentities: [*b]\n", "YAML aliases"),
    ],
)
def test_bad_entries_stop_with_one_clear_error(tmp_path, text, problem):
    with pytest.raises(InputError, match=problem) as err:
        load_gazetteer(write(tmp_path, text))
    assert "How to fix" in str(err.value)
