"""Speaker names: the alias table, canonical names across articles, title stripping, and who a subject stands for
within one article (fullest name, roles bound to their holder, pronoun chains, documents and their issuers)."""
from __future__ import annotations

import pytest

from lib.quotes import extract_quotes
from lib.speakers import canonical_speaker, default_aliases, is_headline_like, strip_titles, tidy_name


@pytest.fixture(scope="module")
def aliases():
    return default_aliases()


def test_alias_table_is_lower_cased_and_complete(aliases):
    assert aliases["khawaja muhammad asif"] == "Khawaja Asif"
    assert all(key == key.lower().strip() for key in aliases)
    assert all(value.strip() for value in aliases.values())


@pytest.mark.parametrize("name", [
    "Khawaja Muhammad Asif", "Khawaja Asif", "Asif", "Defence Minister Khawaja Asif",
    "Pakistan’s Defence Minister Khawaja Asif", "Mr. Asif", "  khawaja   asif ", "“Khawaja Asif,”",
])
def test_one_canonical_name_per_person(aliases, name):
    assert canonical_speaker(name, aliases) == "Khawaja Asif"


@pytest.mark.parametrize("name, expected", [
    ("senior security official", "senior security official"),  # a role survives unchanged
    ("Asif Ali Zardari", "Asif Ali Zardari"),  # another Asif is not merged
    ("the Foreign Office", "Foreign Office (Pakistan)"),
    ("  Some  New Person ", "Some New Person"),
    ("", ""),
])
def test_canonical_speaker_unknown_and_bodies(aliases, name, expected):
    assert canonical_speaker(name, aliases) == expected


def test_canonical_speaker_uses_the_given_table():
    table = {"asif": "K. Asif"}
    assert canonical_speaker("Mr. Asif", table) == "K. Asif"
    assert canonical_speaker("Khawaja Asif", table) == "Khawaja Asif"


@pytest.mark.parametrize("name, expected", [
    ("Defence Minister Khawaja Asif", "Khawaja Asif"),
    ("Pakistan’s Foreign Office spokesman Tahir Andrabi", "Tahir Andrabi"),
    ("Mr. Asif", "Asif"),
    ("Afghan Acting Defence Minister Mullah Yaqoob", "Yaqoob"),
    ("Khawaja Asif", "Khawaja Asif"),
    ("minister", "minister"),  # nothing but a title: kept
])
def test_strip_titles(name, expected):
    assert strip_titles(name) == expected


def test_tidy_name():
    assert tidy_name(" the  Foreign Office, ") == "Foreign Office"


@pytest.mark.parametrize("line, expected", [
    ("Khawaja Asif Declares Pakistan-Afghanistan Talks “Over” Amid Deadlock", True),
    ("What’s Next", True),
    ("The talks ended on Friday.", False),
    ("He said: “We are done.”", False),
])
def test_headline_like(line, expected):
    assert is_headline_like(line) is expected


def _speakers(nlp, text):
    return [(q.speaker, q.speaker_origin) for q in extract_quotes(nlp(text)) if not q.fragment]


def test_surname_resolves_to_fullest_name(nlp):
    text = ("Pakistan’s Defence Minister Khawaja Muhammad Asif spoke on Friday. "
            "“We will not be pressured,” Asif said.")
    assert _speakers(nlp, text) == [("Khawaja Muhammad Asif", "named")]


def test_title_is_stripped_from_the_name(nlp):
    text = "“Nothing has been finalised yet,” Foreign Office spokesman Tahir Andrabi said."
    assert _speakers(nlp, text) == [("Tahir Andrabi", "named")]


def test_role_bound_to_named_holder(nlp):
    text = ("Khawaja Asif spoke in Sialkot on Saturday. The defence minister voiced hopes for peace.\n\n"
            "Later the talks resumed. “We want an immediate resolution,” the defence minister said.")
    assert _speakers(nlp, text) == [("Khawaja Asif", "title")]


def test_role_after_two_names_is_not_bound(nlp):
    text = "Asif met Ishaq Dar on Monday. “Trust has been broken,” the minister said."
    assert _speakers(nlp, text) == [("minister", "role")]


def test_indefinite_role_is_never_bound(nlp):
    text = ("Khawaja Asif addressed the nation. “We will not compromise on security,” "
            "a senior security official said.")
    assert _speakers(nlp, text) == [("senior security official", "role")]


def test_apposition_names_the_role(nlp):
    text = ("Asif, the defence minister, arrived in Doha. Talks followed.\n\n"
            "“The guarantees must be written,” the defence minister said.")
    assert _speakers(nlp, text) == [("Asif", "title")]


def test_pronoun_chain_follows_the_last_subject(nlp):
    text = ("Zabihullah Mujahid spoke first. Then Ishaq Dar took the floor. He thanked the hosts. "
            "“We are grateful to Qatar and Turkiye,” he said.")
    assert _speakers(nlp, text) == [("Ishaq Dar", "pronoun")]


def test_names_inside_quotes_are_not_antecedents(nlp):
    text = ("Ishaq Dar spoke to reporters. “Imran Khan never understood diplomacy,” he said. "
            "“We do,” he added, “and we will prove it.”")
    assert [s for s, _ in _speakers(nlp, text)] == ["Ishaq Dar", "Ishaq Dar"]


def test_it_refers_to_the_document(nlp):
    text = ("The Turkish Ministry of Foreign Affairs issued a joint statement on Thursday. "
            "“All parties have agreed to continue the ceasefire,” it stated.")
    assert _speakers(nlp, text) == [("Turkish Ministry of Foreign Affairs", "statement")]


def test_statement_resolves_to_its_issuer_mentioned_earlier(nlp):
    text = ("A joint statement from the Turkish Ministry of Foreign Affairs confirmed the truce. "
            "“All parties have agreed to continue the ceasefire,” the statement noted.")
    assert _speakers(nlp, text) == [("Turkish Ministry of Foreign Affairs", "statement")]
