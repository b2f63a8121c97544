"""Topic profiles (lib/topic.py, topics/*.toml): loading and validation with the field and line named, the profile
in force, and what each extractor reads from it (venues, aliases, events, figure categories, outlets)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lib import topic as T

ROOT = Path(__file__).resolve().parent.parent
RU = ROOT / "topics" / "russia-ukraine.toml"


def test_both_shipped_profiles_load():
    default, ru = T.load_topic(), T.load_topic(RU)
    assert default.slug == "pakistan-afghanistan" and ru.slug == "russia-ukraine"
    assert "istanbul" in default.venues and "jeddah" in ru.venues
    assert default.aliases()["asif"] == "Khawaja Asif" and ru.aliases()["zelenskyy"] == "Volodymyr Zelensky"
    assert [e[2] for e in default.events][:1] == ["Doha ceasefire"]
    assert ru.figures.captives == "prisoners" and "prisoners" in ru.figures.categories


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = '''name = "Test talks"
description = "A test profile."

[[parties]]
name = "A"

[[parties]]
name = "B"
'''


@pytest.mark.parametrize("text, field, line", [
    ('description = "no name"\n[[parties]]\nname = "A"\n', "name", None),  # missing: no line to point at
    (GOOD + '\n[[events]]\nstart = 2025-10-20\nend = 2025-10-18\nlabel = "backwards"\n', "events.0", 10),
    (GOOD + '\n[[people]]\nname = "X"\naliases = "one string"\n', "people.0.aliases", 12),
    (GOOD + '\nvenus = ["typo"]\n', "venus", 10),
    (GOOD + '\n[figures]\ncategories = ["a"]\ncaptives = "b"\n', "figures", 10),
])
def test_invalid_profiles_name_the_field_and_line(tmp_path, text, field, line):
    with pytest.raises(T.TopicError) as err:
        T.load_topic(_write(tmp_path, text))
    message = str(err.value)
    assert field in message
    if line:
        assert f"line {line}" in message


def test_unreadable_and_malformed_profiles(tmp_path):
    with pytest.raises(T.TopicError, match="cannot be read"):
        T.load_topic(tmp_path / "missing.toml")
    with pytest.raises(T.TopicError, match="not valid TOML"):
        T.load_topic(_write(tmp_path, 'name = "unclosed\n'))


def test_profile_in_force(tmp_path, monkeypatch):
    assert T.active_topic().slug == "pakistan-afghanistan"
    ru = T.load_topic(RU)
    with T.using_topic(ru):
        assert T.active_topic() is ru
    assert T.active_topic().slug == "pakistan-afghanistan"
    monkeypatch.setenv(T.TOPIC_ENV, str(RU))
    assert T.active_topic().slug == "russia-ukraine"


def test_analysis_key_ignores_what_applies_at_read_time(tmp_path):
    base = T.load_topic(_write(tmp_path, GOOD))
    (tmp_path / "u.toml").write_text(GOOD + '\n[[people]]\nname = "New Person"\n', encoding="utf-8")
    (tmp_path / "v.toml").write_text('venues = ["Geneva"]\n' + GOOD, encoding="utf-8")
    assert T.load_topic(tmp_path / "u.toml").key.split("@")[1] == base.key.split("@")[1]
    assert T.load_topic(tmp_path / "v.toml").key.split("@")[1] != base.key.split("@")[1]


def test_article_ids_per_topic():
    text_id = "ab" * 32
    assert T.topic_article_id(text_id, T.load_topic()) == text_id
    other = T.topic_article_id(text_id, T.load_topic(RU))
    assert other != text_id and len(other) == 64


def test_extractors_read_the_topic_in_force(nlp):
    from lib.extract.figures import extract_figures
    from lib.extract.stance import is_talk_term

    sentence = "The two sides agreed to swap 1,200 prisoners of war on Friday."
    doc = nlp(sentence)
    assert {f.value: f.category for f in extract_figures(doc, [])}[1200] == "other"
    with T.using_topic(T.load_topic(RU)):
        doc = nlp(sentence)
        assert {f.value: f.category for f in extract_figures(doc, [])}[1200] == "prisoners"
    # a venue stands for the talks only in the topic that names it
    venue = "Jeddah failed to deliver a ceasefire."
    assert not is_talk_term(nlp(venue)[0])
    with T.using_topic(T.load_topic(RU)):
        assert is_talk_term(nlp(venue)[0])


def test_cli_refuses_a_bad_profile_with_a_message(tmp_path):
    bad = _write(tmp_path, 'name = "x"\n')
    result = subprocess.run([sys.executable, "-m", "lib", "export", str(ROOT / "seeds"), "--out", str(tmp_path / "o"),
                             "--db", str(tmp_path / "s.db"), "--topic", str(bad)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2
    assert "description" in result.stderr and "Traceback" not in result.stderr


def _string_constants(path: Path) -> list[str]:
    """Every string constant of a module but its docstrings (module, class and function)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def _topic_names(topic) -> set[str]:
    """The names a profile holds of its talks: people and bodies with their aliases, venues, places, crossings and
    the parties' stand-ins (a country's own name is general: every topic's coverage names countries)."""
    p = topic.profile
    names = {n for named in p.people + p.bodies for n in (named.name, *named.aliases)}
    names |= {*p.venues, *p.places, *p.crossings}
    names |= {s for side in p.parties + p.mediators for s in side.stand_ins}
    return {n for n in names if len(n) > 3}


@pytest.mark.parametrize("profile", sorted(T.TOPICS_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_lib_holds_no_name_of_a_topic_outside_comments(profile):
    """What is specific to one set of talks lives in its profile: lib/'s string constants and data files name
    none of its people, venues, places or stand-ins (docstrings and comments may, as examples)."""
    import re

    lib = Path(__file__).resolve().parent.parent / "lib"
    names = _topic_names(T.load_topic(profile))
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    found = []
    for path in sorted(lib.rglob("*")):
        if path.suffix == ".py":
            texts = _string_constants(path)
        elif path.suffix in (".csv", ".txt", ".json", ".toml"):
            texts = [path.read_text(encoding="utf-8")]
        else:
            continue
        found += [(path.name, m.group(0)) for text in texts for m in pattern.finditer(text)]
    assert not found, found[:20]


# ---------------------------------------------------------------- analyses keyed by topic (the store)

def _stored(tmp_path, analysis_topic: str, analysis_key: str):
    from dataclasses import replace

    from lib import store
    from tests.helpers import make_analysis, make_article

    engine = store.open_store(str(tmp_path / "keyed.db"))
    article = make_article("a.txt", Title="A")
    analysis = replace(make_analysis(article), topic=analysis_topic, topic_key=analysis_key)
    store.save_analyses(engine, [(article, analysis)])
    return engine, article


def test_an_analysis_under_another_version_of_the_profile_is_analysed_again(tmp_path):
    """The store keys analyses by content, analysis version and profile: what the analysis read of the profile
    changed, so the stored stance may be stale and the article is pending again; the same key is not."""
    from lib.ingest import pipeline

    current = T.load_topic()
    engine, article = _stored(tmp_path, current.slug, current.key)
    assert pipeline.pending(engine, [article]) == []
    (tmp_path / "edited").mkdir()
    engine, article = _stored(tmp_path / "edited", current.slug, current.slug + "@000000000000")
    assert pipeline.pending(engine, [article]) == [article]


def test_an_analysis_stored_before_topics_keeps_counting_until_the_version_changes():
    from lib.ingest import pipeline
    from lib.records import ANALYSIS_VERSION

    assert pipeline.is_current((ANALYSIS_VERSION, None), "any@key")
    assert not pipeline.is_current((ANALYSIS_VERSION - 1, None), "any@key")
    assert not pipeline.is_current(None, "any@key")


def test_articles_filtered_by_topic_and_the_topics_offered(tmp_path):
    from dataclasses import replace

    from lib import store
    from tests.helpers import make_analysis, make_article

    engine = store.open_store(str(tmp_path / "two.db"))
    first, second = make_article("a.txt", Title="A"), make_article("b.txt", " Another text.", Title="B")
    store.save_analyses(engine, [(first, replace(make_analysis(first), topic="pakistan-afghanistan", topic_key="k")),
                                 (second, replace(make_analysis(second), topic="russia-ukraine", topic_key="k"))])
    assert store.article_facets(engine)["topics"] == ["pakistan-afghanistan", "russia-ukraine"]
    assert store.read_articles(engine, topics=["russia-ukraine"])["title"].tolist() == ["B"]
    assert len(store.read_articles(engine)) == 2


def test_the_analysis_records_its_topic(nlp):
    from lib.analyse import analyse
    from tests.helpers import make_article

    article = make_article("a.txt")
    ru = T.load_topic(RU)
    analysis = analyse(article, nlp(article.text), topic=ru)
    assert (analysis.topic, analysis.topic_key) == ("russia-ukraine", ru.key)
    assert analyse(article, nlp(article.text)).topic == "pakistan-afghanistan"
