"""Editing a topic profile's aliases and events (lib/topic_edit.py): written back into the TOML file with its
comments kept, validated before the file is replaced, and in force at once."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from lib import topic as T
from lib import topic_edit

DEFAULT = T.DEFAULT_TOPIC_FILE


@pytest.fixture
def profile(tmp_path) -> Path:
    path = tmp_path / "talks.toml"
    shutil.copy(DEFAULT, path)
    return path


def test_an_alias_joins_the_person_of_that_name_and_comments_stay(profile):
    person = T.load_topic(profile).profile.people[0]
    assert topic_edit.set_alias(profile, "The Minister X", person.name) is None
    edited = T.load_topic(profile)
    assert edited.aliases()["the minister x"] == person.name
    assert profile.read_text(encoding="utf-8").startswith("# Topic profile:")  # comments kept
    assert len(edited.profile.people) == len(T.load_topic(DEFAULT).profile.people)


def test_an_alias_of_someone_new_adds_a_person_and_moves_away_from_the_old_holder(profile):
    first = T.load_topic(profile).profile.people[0]
    topic_edit.set_alias(profile, "Nickname", first.name)
    assert topic_edit.set_alias(profile, "Nickname", "Someone Else Entirely") == first.name
    edited = T.load_topic(profile)
    assert edited.aliases()["nickname"] == "Someone Else Entirely"
    assert "Nickname" not in edited.profile.people[0].aliases
    assert topic_edit.set_alias(profile, "nickname", "") == "Someone Else Entirely"  # removed
    assert "nickname" not in T.load_topic(profile).aliases()


def test_events_are_added_replaced_and_removed(profile):
    before = len(T.load_topic(profile).events)
    topic_edit.add_event(profile, date(2025, 12, 1), "Third round", date(2025, 12, 3), "In a new venue")
    topic_edit.add_event(profile, date(2025, 12, 1), "Third round", date(2025, 12, 4))  # same label and start
    events = T.load_topic(profile).events
    assert len(events) == before + 1 and ("2025-12-01", "2025-12-04", "Third round", "") in events
    assert topic_edit.remove_event(profile, "Third round", "2025-12-01")
    assert not topic_edit.remove_event(profile, "Third round", "2025-12-01")
    assert len(T.load_topic(profile).events) == before


def test_a_bad_edit_is_refused_and_the_file_left_as_it_was(profile):
    text = profile.read_text(encoding="utf-8")
    with pytest.raises(T.TopicError, match="label"):
        topic_edit.add_event(profile, date(2025, 12, 1), "x" * 200)  # labels are at most 60 characters
    with pytest.raises(T.TopicError):
        topic_edit.set_alias(profile, "   ", "Someone")
    assert profile.read_text(encoding="utf-8") == text
    assert [p.name for p in profile.parent.iterdir()] == ["talks.toml"]  # no temporary file left


def test_the_profile_in_force_reads_an_edit_without_a_restart(profile, monkeypatch):
    import time

    monkeypatch.setenv(T.TOPIC_ENV, str(profile))
    assert "brand new alias" not in T.active_topic().aliases()
    topic_edit.set_alias(profile, "Brand New Alias", "Someone Else Entirely")
    time.sleep(T._DEFAULT_RECHECK_SECONDS + 0.1)
    assert T.active_topic().aliases()["brand new alias"] == "Someone Else Entirely"


def test_an_edit_is_logged_and_moves_the_revision_on(tmp_path):
    from lib import store

    engine = store.open_store(str(tmp_path / "s.db"))
    before = store.revision(engine)
    store.log_topic_edit(engine, "alias nickname", None, "Someone", user="analyst")
    assert store.revision(engine) == before + 1
    log = store.read_edit_log(engine)
    assert (log["action"].tolist(), log["user_name"].tolist()) == (["topic"], ["analyst"])
    with pytest.raises(store.ReadOnlyError):
        store.log_topic_edit(engine, "alias x", None, "y", readonly=True)
