"""Independent voices (lib/voices.py): copies of one story found through the store's MinHash LSH index, groups
and their original, agency credits, the index on SQLite and PostgreSQL (migration, deletion, concurrent ingests,
back-filling), and the export's new columns."""
from __future__ import annotations

import csv
import multiprocessing
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from lib import store, voices
from lib.ingest.loader import build_article
from tests.helpers import make_analysis
from tests.pg import pg_server, store_db, engine  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent

# A wire story written for these tests, its copies with the edits seen in the wild, and a distinct story about
# the same round of talks that quotes the same official (it must stay apart).
WIRE = """ISLAMABAD, Nov 8 (APP) - Pakistan and Afghanistan agreed on Saturday to keep the ceasefire in place after a third round of talks in Istanbul, mediators from Türkiye and Qatar said in a joint statement.

The two delegations met for two days at a hotel on the Bosphorus and agreed to set up a monitoring mechanism that will verify violations and propose penalties, the statement said.

Pakistan's delegation was led by the defence minister, while the Afghan side was headed by the deputy interior minister, according to officials familiar with the talks.

"Both sides have shown a willingness to resolve their differences through dialogue," a Turkish foreign ministry official said, adding that a principal-level meeting would be held in Istanbul later this month.

Trade through the main border crossings remained suspended, and traders said thousands of trucks were stranded on both sides of the frontier.

The fighting in October killed dozens of soldiers and civilians and was the worst violence between the neighbours in years."""

WIRE_PARAS = WIRE.split("\n\n")

COPY_NEW_HEADLINE = "\n\n".join(["Ceasefire to hold as Istanbul round ends with a monitoring deal",
                                  "KARACHI: " + WIRE_PARAS[0].split(" - ", 1)[1], *WIRE_PARAS[1:]])
COPY_CUT = "\n\n".join(WIRE_PARAS[:3] + ["Also read: Traders count losses as Chaman stays shut"]
                       + WIRE_PARAS[3:4])
COPY_CREDITED = "\n\n".join(["Truce stays, mechanism agreed", WIRE_PARAS[0].split(" - ", 1)[1],
                             *WIRE_PARAS[1:-1], WIRE_PARAS[-1] + "-APP"])

OTHER = """Istanbul talks end with a promise to meet again

Negotiators from Islamabad and Kabul left Istanbul on Saturday without a final agreement but with a commitment to hold the truce, diplomats in the Turkish city told reporters.

"Both sides have shown a willingness to resolve their differences through dialogue," a Turkish foreign ministry official said.

Analysts in Peshawar were sceptical. They noted that the previous round in Doha had produced a similar promise, and that attacks in Khyber Pakhtunkhwa had continued in the weeks since.

Afghan officials said they wanted guarantees that Pakistani airstrikes would stop, while Pakistani officials insisted that Kabul act against militants sheltering on Afghan soil.

Traders at Chaman said the crossing had been closed for nearly a month and that their losses were mounting."""

# Unrelated stories on the same talks: distinct texts (random sentences of the talks' words) for filling a store.
VOCABULARY = ("the of and to in a is that for on with as was by at from talks ceasefire Pakistan Afghanistan "
              "Istanbul Doha Kabul Islamabad border trade refugees officials minister delegation mediators Qatar "
              "Türkiye monitoring mechanism violations crossing trucks traders militants attacks guarantees round "
              "meeting statement agreement truce soldiers civilians markets families returns camps winter aid "
              "envoy spokesman analysts commission committee week month Friday Saturday Sunday said told "
              "warned agreed rejected demanded welcomed reported insisted").split()


def filler(n: int) -> str:
    import random

    rng = random.Random(n)
    paragraphs = [" ".join(rng.choice(VOCABULARY) for _ in range(30)).capitalize() + "." for _ in range(4)]
    return f"Report {n} on the talks\n\n" + "\n\n".join(paragraphs)


def article(name: str, text: str, published: str | None = None, outlet: str | None = None):
    header = {}
    if published:
        header["published"] = published
    if outlet:
        header["outlet"] = outlet
    return build_article(name, text, header=header)


def stored(engine, *arts, index: bool = True):
    store.save_analyses(engine, [(a, make_analysis(a)) for a in arts])
    if index:
        voices.index_articles(engine, list(arts))
    return arts


def groups(engine) -> dict[str, set[str]]:
    """voice_id -> the files of its group (articles not deleted), with the file names of the store."""
    table = voices.voice_table(engine)
    files = store.read_articles(engine, include_deleted=True).set_index("article_id")["file"]
    table["file"] = table["article_id"].map(files)
    return {files[v]: set(g["file"]) for v, g in table.groupby("voice_id")}


def partition(engine) -> set[frozenset[str]]:
    """The groups as sets of files, whichever is each one's original."""
    return {frozenset(g) for g in groups(engine).values()}


# ------------------------------------------------------------------------------------------------ shingles, rule

def test_shingles_are_word_triples_without_case_or_punctuation():
    assert voices.shingles("The talks, in Doha; RESUMED today.") == {
        "the talks in", "talks in doha", "in doha resumed", "doha resumed today"}
    assert voices.shingles("Pakistan’s envoy") == voices.shingles("pakistan's envoy") == {"pakistan's envoy"}
    assert voices.shingles("") == frozenset()


def test_containment_is_measured_on_the_shorter_text():
    long = frozenset({"a b c", "b c d", "c d e", "d e f"})
    assert voices.containment(frozenset({"a b c", "b c d"}), long) == 1.0
    assert voices.containment(long, frozenset({"a b c", "x y z"})) == 0.5
    assert voices.containment(frozenset(), long) == 0.0


@pytest.mark.parametrize("copy", [COPY_NEW_HEADLINE, COPY_CUT, COPY_CREDITED], ids=["headline+dateline", "cut+also-read",
                                                                                  "credit"])
def test_edited_copies_are_copies(copy):
    assert voices.are_copies(WIRE, copy)


def test_a_distinct_story_quoting_the_same_official_is_not_a_copy():
    assert voices.containment(voices.shingles(WIRE), voices.shingles(OTHER)) < 0.25
    assert not voices.are_copies(WIRE, OTHER)
    assert not voices.are_copies(filler(1), filler(2))


def test_a_short_text_needs_enough_shared_words_or_to_be_nearly_all_inside():
    """A copy cut to one quoted statement shares the statement with every story that quotes it: below MIN_SHARED
    shingles in common it is a copy only when nearly all of it is in the other text (a teaser, a lede)."""
    statement = WIRE_PARAS[3].split(", adding")[0] + "."  # the Turkish official's words, which OTHER quotes too
    short = "Talks end in Istanbul\n\n" + statement + "\n\nDiplomats expect another meeting in the coming weeks."
    a, b = voices.shingles(short), voices.shingles(OTHER)
    assert voices.containment(a, b) >= voices.COPY_THRESHOLD and len(a & b) < voices.MIN_SHARED
    assert not voices.is_copy(a, b)
    lede = voices.shingles(WIRE_PARAS[0])  # a teaser: the lede alone, wholly inside the story
    assert len(lede & voices.shingles(WIRE)) < voices.MIN_SHARED and voices.is_copy(lede, voices.shingles(WIRE))


def test_lsh_bands_are_what_datasketch_picks_for_the_threshold():
    from datasketch import MinHashLSH

    picked = MinHashLSH(threshold=voices.LSH_THRESHOLD, num_perm=voices.NUM_PERM)
    assert (picked.b, picked.r) == (voices.LSH_BANDS, voices.LSH_ROWS) == (64, 2)
    ranges = voices.band_ranges()
    assert ranges == tuple(picked.hashranges)
    sig = voices.signatures([voices.shingles(WIRE)])[0]
    keys = voices.band_keys(sig)
    assert len(keys) == 64 and len(set(keys)) == 64 and all(-2 ** 63 <= k < 2 ** 63 for k in keys)
    # Two copies share bands; a distinct story shares (almost) none.
    copy, other = voices.signatures([voices.shingles(COPY_NEW_HEADLINE), voices.shingles(OTHER)])
    assert len(set(keys) & set(voices.band_keys(copy))) >= 10
    assert len(set(keys) & set(voices.band_keys(other))) <= 2


def test_estimated_containment_tracks_the_exact_one():
    a, b, c = (voices.shingles(t) for t in (WIRE, COPY_CUT, OTHER))
    sa_, sb, sc = voices.signatures([a, b, c])
    assert abs(voices.estimated_containment(sa_, len(a), sb, len(b)) - voices.containment(a, b)) < 0.2
    assert voices.estimated_containment(sa_, len(a), sc, len(c)) < voices.PREFILTER


# ------------------------------------------------------------------------------------------------ credits

@pytest.mark.parametrize("text, stripped, agency", [
    ("ISLAMABAD, Nov 8 (APP) - Pakistan and Afghanistan agreed.", (), "APP"),
    ("CAIRO/JERUSALEM, Oct 13 (Reuters) – Hamas freed the last living hostages.", (), "Reuters"),
    ("RIYADH, Saudi Arabia — (AP) — Senior officials met.", (), "AP"),
    ("ISTANBUL, May 16. /TASS/. Talks between Russia and Ukraine began.", (), "TASS"),
    ("DOHA/JERUSALEM, Jan. 15 (Xinhua) -- Israel and Hamas agreed.", (), "Xinhua"),
    ("Talks ended.\n\nThe minister said the next round would be in Doha.", ("-AFP",), "AFP"),
    ("Talks ended.\n\nThey will resolve their conflict. — Reuters", (), "Reuters"),
    ("Talks ended on Friday in Istanbul.\n\n(With input from AFP)", (), "AFP"),
    ("Emin Donmez and Asiye Latife Yilmaz, Anadolu Agency\n\nThe talks ended.", (), "Anadolu Agency"),
    ("Leaders are expected to attend, News.Az reports, citing Anadolu Agency.\n\nMore text.", (), "Anadolu Agency"),
    ("The talks ended.", ("Source: Associated Press",), "AP"),
    ("Talks ended.\n\nThey will meet again.\n\n(Reuters)", (), "Reuters"),
])
def test_agency_credits(text, stripped, agency):
    assert voices.agency_credit(text, stripped) == agency


@pytest.mark.parametrize("text, stripped", [
    ("The minister told Reuters that the talks would go on.\n\nNothing else.", ()),
    ("The Associated Press reported that hostages arrived.\n\nMore.", ()),
    ("According to AFP, the meeting lasted four hours.", ()),
    ("Soldiers stand guard at a post on the Line of Control (LoC). — AFP/File\n\nThe talks ended.", ()),
    ("Photo: ANDREW CABALLERO-REYNOLDS - AFP\n\nThe talks ended.", ()),
    ("The talks ended.\n\n(With inputs from agencies.)", ()),
    ("Evelyn Hockstein | Afp | Getty Photos\n\nThe talks ended.", ()),
    ("The new app was downloaded by ap users.", ()),
])
def test_mentions_that_are_not_credits(text, stripped):
    assert voices.agency_credit(text, stripped) is None


# ------------------------------------------------------------------------------------------------ groups (pure)

def _members(*rows):
    return pd.DataFrame(rows, columns=["article_id", "file", "outlet", "published", "added_at", "agency"])


def _links(*pairs):
    return pd.DataFrame(pairs, columns=["article_a", "article_b"])


def test_the_earliest_published_copy_is_the_original():
    members = _members(("a", "a.txt", "Dawn", "2025-11-09", "2025-12-01T10:00:00", ""),
                       ("b", "b.txt", "Geo News", "2025-11-08", "2025-12-01T11:00:00", ""),
                       ("c", "c.txt", "Pajhwok", None, "2025-12-01T09:00:00", ""),
                       ("d", "d.txt", "TOLOnews", "2025-11-01", "2025-12-01T09:00:00", ""))
    out = voices.assign_voices(members, _links(("a", "b"), ("b", "c"))).set_index("article_id")
    assert out.loc[["a", "b", "c"], "voice_id"].tolist() == ["b", "b", "b"]  # undated c is never first
    assert out.loc[["a", "b", "c"], "copies"].tolist() == [3, 3, 3]
    assert out.loc["b", "is_original"] and not out.loc["a", "is_original"]
    assert out.loc["d", "voice_id"] == "d" and out.loc["d", "copies"] == 1  # alone: its own voice


def test_undated_copies_take_the_first_stored_then_the_file_name():
    members = _members(("x", "z.txt", None, None, "2025-12-01T10:00:00", ""),
                       ("y", "y.txt", None, "", "2025-12-01T09:00:00", ""),
                       ("w", "a.txt", None, None, "2025-12-01T10:00:00", ""))
    assert set(voices.assign_voices(members, _links(("x", "y")))["voice_id"]) == {"y", "w"}
    out = voices.assign_voices(members.drop(index=1), _links(("x", "w"))).set_index("article_id")
    assert out["voice_id"].tolist() == ["w", "w"]  # same second: by file name


def test_voice_source_is_the_originals_credit_else_the_groups_else_the_outlet():
    base = [("a", "a.txt", "Dawn", "2025-11-08", "t1", ""), ("b", "b.txt", "Geo News", "2025-11-09", "t2", "APP"),
            ("c", "c.txt", "Pajhwok", "2025-11-10", "t3", "APP"), ("d", "d.txt", "X", "2025-11-11", "t4", "AFP")]
    out = voices.assign_voices(_members(*base), _links(("a", "b"), ("b", "c"), ("c", "d")))
    assert set(out["voice_source"]) == {"APP"}  # the original credits none; most copies credit APP
    base[0] = ("a", "a.txt", "Dawn", "2025-11-08", "t1", "Reuters")
    out = voices.assign_voices(_members(*base), _links(("a", "b")))
    assert out.set_index("article_id").loc["b", "voice_source"] == "Reuters"
    out = voices.assign_voices(_members(("e", "e.txt", "Dawn", None, "t", None), ("f", "f.txt", None, None, "t", "")),
                               _links())
    assert out.set_index("article_id")["voice_source"].to_dict() == {"e": "Dawn", "f": ""}


def test_links_to_articles_not_listed_are_ignored():
    out = voices.assign_voices(_members(("a", "a.txt", None, None, "t", "")), _links(("a", "gone")))
    assert out["copies"].tolist() == [1]


# ------------------------------------------------------------------------------------------------ the index

def test_copies_are_grouped_and_distinct_stories_kept_apart(engine):
    stored(engine, article("wire.txt", WIRE, "2025-11-08", "APP"),
           article("dawn.txt", COPY_NEW_HEADLINE, "2025-11-09", "Dawn"),
           article("geo.txt", COPY_CUT, "2025-11-09", "Geo News"),
           article("other.txt", OTHER, "2025-11-08", "TOLOnews"),
           *[article(f"f{i}.txt", filler(i)) for i in range(5)])
    found = groups(engine)
    assert found["wire.txt"] == {"wire.txt", "dawn.txt", "geo.txt"}
    assert found["other.txt"] == {"other.txt"}
    assert sum(len(g) for g in found.values()) == 9 and len(found) == 7
    table = voices.with_voices(engine, store.read_articles(engine)).set_index("file")
    assert table.loc["geo.txt", "voice_source"] == "APP" and table.loc["geo.txt", "copies"] == 3
    assert table.loc["other.txt", "voice_source"] == "TOLOnews"


def test_copies_added_one_at_a_time_and_in_one_batch_give_the_same_groups(engine):
    arts = [article("wire.txt", WIRE, "2025-11-08"), article("copy.txt", COPY_CREDITED, "2025-11-08"),
            article("other.txt", OTHER)]
    stored(engine, *arts, index=False)
    for a in arts:
        voices.index_articles(engine, [a])
    one_by_one = groups(engine)
    with engine.begin() as conn:
        conn.execute(store.voice_links.delete())
    voices.index_articles(engine, arts)
    assert groups(engine) == one_by_one == {"copy.txt": {"wire.txt", "copy.txt"}, "other.txt": {"other.txt"}}


def test_adding_an_article_reads_only_its_candidates(engine, monkeypatch):
    """Incremental: the new article's buckets give its candidates; the texts of the other stored articles are
    never read (nor compared)."""
    stored(engine, article("wire.txt", WIRE), *[article(f"f{i}.txt", filler(i)) for i in range(40)])
    asked: list[str] = []
    read = store.read_article_texts

    def spy(eng, ids):
        ids = list(ids)
        asked.extend(ids)
        return read(eng, ids)

    monkeypatch.setattr(store, "read_article_texts", spy)
    voices.clear_shingle_cache()  # as in another process: the candidates' texts are read from the store
    copy = article("copy.txt", COPY_CUT)
    stored(engine, copy)
    wire_id = article("wire.txt", WIRE).article_id
    assert asked == [wire_id]
    assert frozenset({"wire.txt", "copy.txt"}) in partition(engine)


def test_an_article_quoting_two_stories_does_not_join_them(engine):
    """A digest reprinting two distinct stories matches both; it joins the closer one only."""
    digest = WIRE + "\n\n" + OTHER + "\n\nThat is all from the region today."
    stored(engine, article("wire.txt", WIRE), article("other.txt", OTHER))
    stored(engine, article("digest.txt", digest))
    found = groups(engine)
    assert {"wire.txt", "other.txt"} not in [g & {"wire.txt", "other.txt"} for g in found.values()]
    assert len(found) == 2


def test_deleting_the_original_passes_the_voice_to_the_next_copy(engine):
    wire, a, b = stored(engine, article("wire.txt", WIRE, "2025-11-07"), article("a.txt", COPY_NEW_HEADLINE, "2025-11-08"),
                        article("b.txt", COPY_CUT, "2025-11-09"))
    assert groups(engine) == {"wire.txt": {"wire.txt", "a.txt", "b.txt"}}
    store.delete_article(engine, wire.article_id, user="test")
    assert groups(engine) == {"a.txt": {"a.txt", "b.txt"}}
    export = voices.with_voices(engine, store.read_articles(engine)).set_index("file")
    assert export["copies"].tolist() == [2, 2] and set(export["voice_id"]) == {a.article_id}
    store.restore_article(engine, wire.article_id, user="test")
    assert groups(engine) == {"wire.txt": {"wire.txt", "a.txt", "b.txt"}}


def test_a_reanalysis_keeps_the_index(engine):
    wire, copy = stored(engine, article("wire.txt", WIRE, "2025-11-07"), article("copy.txt", COPY_CUT, "2025-11-08"))
    store.save_analyses(engine, [(wire, make_analysis(wire, stance="pessimistic"))])  # replaced whole
    assert groups(engine) == {"wire.txt": {"wire.txt", "copy.txt"}}


def test_a_full_bucket_takes_no_more_rows_and_still_finds_the_story(engine, monkeypatch):
    monkeypatch.setattr(voices, "BUCKET_CAP", 2)
    copies = [article(f"c{i}.txt", WIRE + f"\n\nThis copy was printed in edition {i}.") for i in range(6)]
    for c in copies:
        stored(engine, c)
    with engine.connect() as conn:
        biggest = conn.execute(sa.select(sa.func.count()).select_from(store.voice_bands)
                               .group_by(store.voice_bands.c.band_key).order_by(sa.func.count().desc())).first()[0]
    assert biggest == 2
    assert len(groups(engine)) == 1


def test_index_stored_fills_in_what_the_index_lacks(engine, monkeypatch):
    stored(engine, article("wire.txt", WIRE), article("copy.txt", COPY_CUT), article("other.txt", OTHER), index=False)
    assert voices.voice_table(engine)["copies"].tolist() == [1, 1, 1]  # not indexed: each alone
    assert voices.index_stored(engine) == 3
    assert partition(engine) == {frozenset({"wire.txt", "copy.txt"}), frozenset({"other.txt"})}
    assert voices.index_stored(engine) == 0
    monkeypatch.setattr(voices, "SCHEME", voices.SCHEME + "-changed")  # another scheme: indexed again
    voices._band_salts.cache_clear()
    try:
        assert voices.index_stored(engine) == 3
        assert partition(engine) == {frozenset({"wire.txt", "copy.txt"}), frozenset({"other.txt"})}
    finally:
        voices._band_salts.cache_clear()


def test_readonly_writes_nothing(engine, monkeypatch):
    stored(engine, article("wire.txt", WIRE), index=False)
    monkeypatch.setenv(store.READONLY_ENV, "1")
    assert voices.index_stored(engine) == 0
    assert voices.index_articles(engine, [article("copy.txt", COPY_CUT)]) == 0
    with pytest.raises(store.ReadOnlyError):
        store.save_voice_links(engine, [("a", "b", 1.0)])
    monkeypatch.delenv(store.READONLY_ENV)
    assert store.unindexed_articles(engine, voices.SCHEME) == [article("wire.txt", WIRE).article_id]


# ------------------------------------------------------------------------------------------------ schema

def test_a_version_6_store_is_migrated_and_its_articles_indexed(store_db):
    """A store made before the index (schema 6: no voice tables) gains them on opening, on both databases, and
    the next ingest indexes the articles already there."""
    eng = store.open_store(store_db)
    stored(eng, article("wire.txt", WIRE), article("copy.txt", COPY_CUT), index=False)
    with eng.begin() as conn:
        for table in reversed(store.VOICE_TABLES):
            table.drop(conn)
        conn.execute(store.schema_version.delete().where(store.schema_version.c.version == 7))
    eng.dispose()
    eng = store.open_store(store_db)
    try:
        assert store.current_version(eng) == store.SCHEMA_VERSION == 7
        assert {t.name for t in store.VOICE_TABLES} <= set(sa.inspect(eng).get_table_names())
        assert len(store.read_articles(eng)) == 2
        from lib.ingest import pipeline

        pipeline.plan(eng, [])  # the start of every ingest
        assert partition(eng) == {frozenset({"wire.txt", "copy.txt"})}
    finally:
        eng.dispose()


# ------------------------------------------------------------------------------------------------ concurrency

@pytest.mark.parametrize("order", ["interleaved", "one after the other", "second first"])
def test_two_ingests_adding_copies_at_once_find_each_other(engine, order):
    """Two ingests each adding one copy: whichever way their two steps interleave, the copies are linked."""
    a, b = article("a.txt", WIRE), article("b.txt", COPY_NEW_HEADLINE)
    stored(engine, a, b, index=False)
    steps = {"interleaved": ["sign a", "sign b", "link a", "link b"],
             "one after the other": ["sign a", "link a", "sign b", "link b"],
             "second first": ["sign b", "sign a", "link b", "link a"]}[order]
    signed = {}
    for step in steps:
        verb, who = step.split()
        art = a if who == "a" else b
        if verb == "sign":
            signed[who] = voices.add_signatures(engine, [art])
        else:
            voices.link_signed(engine, signed[who])
    assert len(groups(engine)) == 1


def _ingest_copy(db: str, name: str, text: str, barrier) -> None:
    engine = store.open_store(db)
    art = build_article(name, text)
    store.save_analyses(engine, [(art, make_analysis(art))])
    barrier.wait(timeout=60)
    voices.index_articles(engine, [art])
    engine.dispose()


def test_two_processes_adding_copies_of_one_story(store_db):
    """Real processes, released together by a barrier after each stored its article: every round, the copies end
    in one group (and no link is stored twice)."""
    ctx = multiprocessing.get_context("spawn")
    texts = [WIRE, COPY_NEW_HEADLINE, COPY_CUT, COPY_CREDITED]
    for round_ in range(2):
        barrier = ctx.Barrier(len(texts))
        procs = [ctx.Process(target=_ingest_copy, args=(store_db, f"r{round_}-{i}.txt",
                                                        t + f"\n\nPrinted in round {round_}.", barrier))
                 for i, t in enumerate(texts)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
        assert [p.exitcode for p in procs] == [0] * len(texts)
    engine = store.open_store(store_db)
    try:
        found = groups(engine)
        assert sorted(len(g) for g in found.values()) == [8]  # both rounds are copies of one story
        with engine.connect() as conn:
            pairs = conn.execute(sa.select(store.voice_links.c.article_a, store.voice_links.c.article_b)).all()
        assert len(pairs) == len(set(pairs)) and all(a < b for a, b in pairs)
    finally:
        engine.dispose()


# ------------------------------------------------------------------------------------------------ ingest, export

def test_pipeline_ingest_indexes_each_batch(tmp_path, nlp):
    from lib.ingest import pipeline

    engine = store.open_store(str(tmp_path / "s.db"))
    arts = [article("wire.txt", WIRE, "2025-11-08"), article("copy.txt", COPY_CUT, "2025-11-09"),
            article("other.txt", OTHER, "2025-11-08")]
    pipeline.ingest_articles(engine, arts, nlp=nlp, batch_size=2)
    assert groups(engine) == {"wire.txt": {"wire.txt", "copy.txt"}, "other.txt": {"other.txt"}}
    engine.dispose()


def test_export_has_voice_columns_at_the_end(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "wire.txt").write_text(f"Date: 2025-11-08\nSource: APP\n\n{WIRE}\n", encoding="utf-8")
    (corpus / "dawn.txt").write_text(f"Date: 2025-11-09\nSource: Dawn\n\n{COPY_NEW_HEADLINE}\n", encoding="utf-8")
    (corpus / "other.txt").write_text(f"Date: 2025-11-08\nSource: TOLOnews\n\n{OTHER}\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "lib", "export", str(corpus), "--out", str(out), "--db",
                           str(tmp_path / "s.db"), "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with open(out / "articles.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    header = list(rows[0])
    assert header[:14] == ["article_id", "file", "title", "outlet", "outlet_origin", "published", "published_origin",
                           "url", "language", "n_words", "polarity", "subjectivity", "stance", "stance_score"]
    assert header[-3:] == ["voice_id", "copies", "voice_source"]
    by_file = {r["file"]: r for r in rows}
    wire_id = by_file["wire.txt"]["article_id"]
    assert [by_file[f]["voice_id"] for f in ("wire.txt", "dawn.txt")] == [wire_id, wire_id]
    assert [by_file[f]["copies"] for f in ("wire.txt", "dawn.txt", "other.txt")] == ["2", "2", "1"]
    assert by_file["dawn.txt"]["voice_source"] == "APP"
    assert by_file["other.txt"]["voice_id"] == by_file["other.txt"]["article_id"]
    assert by_file["other.txt"]["voice_source"] == "TOLOnews"
