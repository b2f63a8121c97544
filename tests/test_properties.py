"""Property-based tests: any text through the loader and every extractor gives rows without an exception, with
offsets inside the text and finite numbers. Texts mix English words, every kind of quotation mark, digits,
currency, newlines and random unicode. Examples are kept few (CI speed) and deadlines off (parsing varies)."""
from __future__ import annotations

import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.ingest import decode, loader, metadata, pubdate
from lib.ingest.skip import SkipFile

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "50"))  # raise it locally to hunt for crashes
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                             HealthCheck.too_slow])

WORDS = ("Pakistan Afghanistan ceasefire talks truce Istanbul Doha Qatar Türkiye Khawaja Asif Zabihullah Mujahid "
         "said told the a of and in on that will not never hopes collapse agreed refugees deported killed "
         "million billion percent per cent thousand dozens Taliban minister spokesman officials Monday November "
         "2025 Oct. Mr. Dr. U.S. he she they we it peace war border Torkham Chaman rupees dollars").split()
QUOTES = ["“", "”", '"', "'", "‘", "’", "«", "»", "„", "``", "''"]
NUMBERS = st.one_of(
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.sampled_from(["1.4 million", "20,000-25,000", "1e308", "9" * 40, "0.0000001", "½", "٣٤٥", "3rd", "10%",
                     "Rs 50bn", "$2.5bn", "PKR 1,000", "€40", "£7.5m", "-0", "1,2,3", "2025-11-02", "06:30"]),
)
CURRENCY = st.sampled_from(["$", "Rs", "Rs.", "PKR", "USD", "£", "€", "₨", "Afs", "AFN"])
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\t", "", ", ", ". ", "? ", "! ", ": ", "; ", " — ",
                              "\u00a0", "\r\n", "\u2028", "\f"])
PIECE = st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTES), NUMBERS, CURRENCY,
                  st.text(max_size=6), st.characters())


@st.composite
def texts(draw, max_pieces: int = 80) -> str:
    pieces = draw(st.lists(st.tuples(PIECE, SEPARATORS), max_size=max_pieces))
    return "".join(p + s for p, s in pieces)


def _finite_or_none(value, allow_none: bool = True) -> bool:
    if value is None:
        return allow_none
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _inside(start, end, text) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)


# ------------------------------------------------------------------------------------------------ loader

@SETTINGS
@given(texts())
def test_normalise_text_is_idempotent_and_clean(text):
    once = decode.normalise_text(text)
    assert decode.normalise_text(once) == once
    assert "\r" not in once and "\ufeff" not in once and "\n\n\n" not in once
    assert once == once.strip()


@SETTINGS
@given(st.binary(max_size=3000))
def test_decode_bytes_returns_text_or_skips(data):
    try:
        text = decode.decode_bytes(data)
    except SkipFile as exc:
        assert exc.reason
        return
    assert isinstance(text, str)


@SETTINGS
@given(st.one_of(st.binary(max_size=3000), texts().map(lambda t: t.encode("utf-8")),
                 texts().map(lambda t: t.encode("utf-16")),
                 texts().map(lambda t: t.encode("cp1252", errors="ignore"))),
       st.sampled_from(["a.txt", "b.md", "c.html", "../../d.txt", "e .htm"]))
def test_load_bytes_gives_an_article_or_a_reason(data, name):
    try:
        article = loader.load_bytes(name, data)
    except SkipFile as exc:
        assert exc.reason
        return
    assert article.text and article.article_id == loader.article_id(article.text)
    assert "/" not in article.file and len(article.text) <= loader.MAX_TEXT_CHARS


@SETTINGS
@given(texts(), st.dictionaries(st.sampled_from(["title", "outlet", "published", "url"]), texts(max_pieces=5),
                                max_size=4))
def test_build_article_gives_an_article_or_a_reason(text, header):
    try:
        article = loader.build_article("x.txt", text, header=header)
    except SkipFile as exc:
        assert exc.reason
        return
    assert article.text == decode.normalise_text(article.text)
    assert article.published is None or len(article.published) == 10
    for field in ("title", "outlet", "published", "url"):
        assert getattr(article, f"{field}_origin") in ("header", "inferred", "unknown")


@SETTINGS
@given(st.one_of(texts(), st.from_regex(r"\A(\d{1,2} [A-Z][a-z]{2,8},? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}(st|nd|rd|th)?"
                                          r",? \d{4}|\d{4}-\d{2}-\d{2})\Z")))
def test_parse_date_is_iso_or_none(text):
    from datetime import date

    found = pubdate.parse_date(text)
    assert found is None or date.fromisoformat(found).isoformat() == found


@SETTINGS
@given(texts())
def test_split_header_keeps_the_body(text):
    header, body = metadata.split_header(text)
    assert isinstance(header, dict) and isinstance(body, str)
    assert set(header) <= set(metadata.HEADER_KEYS.values())
    assert len(body) <= len(text)
    if not header:
        assert body == text


# ------------------------------------------------------------------------------------------------ extractors

@pytest.fixture(scope="module")
def parse(nlp):
    def _parse(raw: str):
        text = decode.normalise_text(raw)
        return text, nlp(text)
    return _parse


@SETTINGS
@given(texts())
def test_quotes_within_text(parse, text):
    from lib.extract.quotes import extract_quotes

    text, doc = parse(text)
    for q in extract_quotes(doc):
        assert _inside(q.start_char, q.end_char, text)
        for a, b in q.spans:
            assert _inside(a, b, text)
        assert isinstance(q.quote, str) and isinstance(q.fragment, bool)


@SETTINGS
@given(texts())
def test_figures_within_text_and_finite(parse, text):
    from lib.extract.figures import extract_figures
    from lib.extract.quotes import extract_quotes

    text, doc = parse(text)
    for f in extract_figures(doc, extract_quotes(doc)):
        assert _inside(f.start_char, f.end_char, text)
        assert _finite_or_none(f.value) and _finite_or_none(f.value_high), f


@SETTINGS
@given(texts())
def test_sentiment_rows_within_text_and_finite(parse, text):
    from lib.extract.sentiment import paragraph_rows, score_text
    from lib.extract.stance import sentence_rows

    text, doc = parse(text)
    for s in sentence_rows(doc):
        assert _inside(s.start_char, s.end_char, text) and s.text == text[s.start_char:s.end_char]
        for v in (s.polarity, s.subjectivity, s.polarity_adjusted, s.stance_cue):
            assert _finite_or_none(v, allow_none=False)
        assert -1 <= s.polarity <= 1 and 0 <= s.subjectivity <= 1 and -1 <= s.polarity_adjusted <= 1
    for p in paragraph_rows(doc):
        assert _inside(p["start_char"], p["end_char"], text)
        assert all(_finite_or_none(p[k], allow_none=False) for k in ("polarity", "subjectivity", "polarity_adjusted"))
    assert all(_finite_or_none(v, allow_none=False) for v in score_text(text))


@SETTINGS
@given(texts(), st.one_of(st.none(), texts(max_pieces=8)))
def test_stance_finite_and_bounded(parse, text, title):
    from lib.extract.quotes import extract_quotes
    from lib.records import STANCE_LABELS
    from lib.extract.stance import score_stance, sentence_rows

    text, doc = parse(text)
    quotes = extract_quotes(doc)
    stance = score_stance(doc, sentence_rows(doc, quotes), quotes, title=title)
    assert stance.label in STANCE_LABELS
    assert _finite_or_none(stance.score, allow_none=False) and -1 <= stance.score <= 1
    assert _finite_or_none(stance.outlet_score) and _finite_or_none(stance.quoted_score)
    assert stance.n_sentences >= 0


@SETTINGS
@given(texts())
def test_entities_within_text(parse, text):
    from lib.extract.entities import extract_entities

    text, doc = parse(text)
    for e in extract_entities(doc):
        assert _inside(e.start_char, e.end_char, text) and text[e.start_char:e.end_char] == e.text


@settings(max_examples=max(10, EXAMPLES // 2), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts(max_pieces=120))
def test_full_analysis_never_raises(parse, text):
    """The whole of analyse() (what the pipeline stores) on any text that the loader accepts as-is."""
    from lib.analyse import analyse

    text, doc = parse(text)
    if not text:
        return
    article = loader.Article(article_id=loader.article_id(text), file="x.txt", text=text)
    result = analyse(article, doc)
    assert _finite_or_none(result.polarity, False) and _finite_or_none(result.stance.score, False)
