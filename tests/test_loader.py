"""Loader: encodings, HTML, boilerplate, header blocks, manifests, and what is inferred for each seed. Covers
lib/ingest/loader.py and the steps beside it: skip.py, decode.py, boilerplate.py, metadata.py, infer.py."""
from __future__ import annotations

import pytest

from lib.ingest import boilerplate, decode, infer, loader, metadata
from lib.ingest.loader import build_article, load_bytes, load_folder
from lib.ingest.pubdate import published_date
from lib.ingest.skip import SkipFile

BODY = ("Pakistan and Afghanistan agreed on Thursday to extend the ceasefire after talks in Istanbul, "
        "officials said, and the mediators from Qatar and Türkiye welcomed the result of the meeting.")


# ---------------------------------------------------------------- what is inferred for each seed

@pytest.mark.parametrize("prefix, outlet, outlet_origin, published, published_origin", [
    ("000", "SouthAsianDesk", "inferred", "2025-11-02", "inferred"),
    ("001", "WE News", "inferred", None, "unknown"),
    ("002", None, "unknown", "2025-11-08", "inferred"),
    ("003", None, "unknown", None, "unknown"),
    ("004", None, "unknown", None, "unknown"),
])
def test_seed_inference(seed_articles, prefix, outlet, outlet_origin, published, published_origin):
    article = seed_articles[prefix]
    assert (article.outlet, article.outlet_origin) == (outlet, outlet_origin)
    assert (article.published, article.published_origin) == (published, published_origin)


def test_seed_titles(seed_articles):
    assert seed_articles["002"].title == "Khawaja Asif Declares Pakistan-Afghanistan Talks “Over” Amid Deadlock"
    assert seed_articles["003"].title.startswith("Hope Shines in Afghan Talks")
    assert seed_articles["000"].title is None  # its first line is a sentence, not a headline: never invent one


def test_seed_boilerplate_is_stripped_and_kept(seed_articles):
    a002, a004 = seed_articles["002"], seed_articles["004"]
    assert "Leave a comment" not in a002.text and "WordPress" not in a002.text
    assert "Design a site like this with WordPress.com" in a002.stripped
    assert "Related Posts" in a004.stripped and "Related Posts" not in a004.text
    assert "Follow SouthAsianDesk" not in seed_articles["000"].text
    assert a002.text.count("Amid Deadlock") == 1  # the headline printed twice is kept once


def test_seed_folder_loads_all_five():
    articles, skipped = load_folder(loader.Path(__file__).resolve().parent.parent / "seeds")
    assert len(articles) == 5 and skipped == []
    assert len({a.article_id for a in articles}) == 5


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_encodings_decode(encoding):
    text = "Title: Café talks\n\n" + BODY + " The envoy’s café meeting was “constructive”, he said." * 2
    if encoding in ("latin-1",):
        text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("ü", "u")
    article = load_bytes("a.txt", text.encode(encoding))
    assert "café meeting" in article.text
    assert article.title == "Café talks"


def test_binary_and_empty_files_are_skipped():
    with pytest.raises(SkipFile, match="empty"):
        load_bytes("e.txt", b"   \n")
    with pytest.raises(SkipFile, match="binary"):
        load_bytes("b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_non_english_is_skipped():
    french = ("Le Pakistan et l'Afghanistan ont convenu jeudi de prolonger le cessez-le-feu après des "
              "pourparlers à Istanbul, selon des responsables, et les médiateurs du Qatar ont salué le résultat.")
    with pytest.raises(SkipFile, match="not English"):
        load_bytes("fr.txt", french.encode())


def test_short_text_is_skipped():
    with pytest.raises(SkipFile, match="too short"):
        load_bytes("s.txt", b"Ceasefire holds.")


# ---------------------------------------------------------------- HTML

def test_html_drops_scripts_styles_navigation():
    html = f"""<!doctype html><html><head><title>Truce extended</title>
    <meta property="og:site_name" content="Example News">
    <style>p {{color: red}}</style><script>alert('x')</script></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Truce extended</h1><p>{BODY}</p><p>{BODY}</p></article>
    <footer>Copyright 2025 Example News</footer><script>track()</script></body></html>"""
    article = load_bytes("page.html", html.encode())
    assert "alert" not in article.text and "track()" not in article.text and "color: red" not in article.text
    assert "Home" not in article.text.split("\n")[0]
    assert "ceasefire" in article.text
    assert article.outlet == "Example News" and article.outlet_origin == "page"
    assert article.raw_html is not None


# ---------------------------------------------------------------- header and manifest

def test_header_block_any_case():
    data = ("TITLE: Talks resume\nsource: Dawn\nPublished: 3 November 2025\nurl: https://www.dawn.com/x\n\n" + BODY)
    article = load_bytes("h.txt", data.encode())
    assert (article.title, article.title_origin) == ("Talks resume", "header")
    assert (article.outlet, article.outlet_origin) == ("Dawn", "header")
    assert (article.published, article.published_origin) == ("2025-11-03", "header")
    assert article.url == "https://www.dawn.com/x"
    assert "Talks resume" not in article.text


def test_manifest_overrides_and_url_domain_infers(tmp_path):
    (tmp_path / "a.txt").write_text("Title: From header\n\n" + BODY)
    (tmp_path / "b.txt").write_text("URL: https://www.tribune.com.pk/story/1\n\n" + BODY + " More text here.")
    (tmp_path / "manifest.csv").write_text("File,Title,Outlet,Published,URL\na.txt,From manifest,Geo TV,2025-11-01,\n")
    articles, skipped = load_folder(tmp_path)
    by_file = {a.file: a for a in articles}
    assert (by_file["a.txt"].title, by_file["a.txt"].title_origin) == ("From manifest", "manifest")
    assert (by_file["a.txt"].outlet, by_file["a.txt"].outlet_origin) == ("Geo News", "manifest")
    assert by_file["a.txt"].published == "2025-11-01"
    assert (by_file["b.txt"].outlet, by_file["b.txt"].outlet_origin) == ("The Express Tribune", "inferred")


def test_duplicate_under_another_name_is_reported(tmp_path):
    (tmp_path / "one.txt").write_text(BODY)
    (tmp_path / "two.txt").write_text(BODY + "\n\n")
    articles, skipped = load_folder(tmp_path)
    assert len(articles) == 1
    assert skipped[0].file == "two.txt" and "duplicate of one.txt" in skipped[0].reason


# ---------------------------------------------------------------- inference rules on text of our own

@pytest.mark.parametrize("lines, outlet", [
    (["Follow Dawn on Twitter for updates."], "Dawn"),
    (["By Amina Khan | The Express Tribune"], "The Express Tribune"),
    (["ISLAMABAD (Reuters) - Pakistan said on Friday the talks would go on."], "Reuters"),
    (["Senior officials told Geo News that the delegation would return."], "Geo News"),
    (["The minister told reporters that the talks had failed."], None),  # reporters are not an outlet
])
def test_outlet_signals(lines, outlet):
    assert infer.infer_outlet(lines, []) == outlet


@pytest.mark.parametrize("paragraphs, expected", [
    (["Peshawar, 12 October 2025 — Clashes broke out at the border."], "2025-10-12"),
    (["Posted on Oct. 5, 2025"], "2025-10-05"),
    (["The truce was agreed on October 19, 2025 in Doha."], None),  # an event date is not a publication date
    (["Talks are set for November 6."], None),
])
def test_published_signals(paragraphs, expected):
    assert published_date(paragraphs, [])[0] == expected


def test_hard_wrapped_lines_are_joined_and_paragraphs_kept():
    text = decode.normalise_text("First line of a sentence that\ncontinues here.\nSecond paragraph.\r\n\r\n\nThird.")
    assert text == "First line of a sentence that continues here.\n\nSecond paragraph.\n\nThird."


def test_upload_name_cannot_escape():
    assert loader.safe_file_name("../../etc/passwd.txt") == "passwd.txt"
    assert loader.safe_file_name("..\\..\\win.txt") == "win.txt"


def test_article_id_is_hash_of_normalised_text():
    a = build_article("x.txt", BODY + "\r\n")
    b = build_article("y.txt", "  " + BODY)
    assert a.article_id == b.article_id


# ---------------------------------------------------------------- wire datelines, source footers, bylines

@pytest.mark.parametrize("first, outlet, published", [
    ("ISLAMABAD/KABUL, Nov 8 (Reuters) - Pakistan said talks ended, the second setback of 2025.", "Reuters",
     "2025-11-08"),
    ("ANKARA, October 30, 2025 (Anadolu) – Türkiye welcomed the truce.", "Anadolu Agency", "2025-10-30"),
    ("DOHA, Oct. 19 (AFP) - Qatar announced the ceasefire.", "AFP", None),  # no year anywhere: unknown
    ("KABUL (AP) — Taliban officials said the border stays shut.", "AP", None),
])
def test_wire_datelines(first, outlet, published):
    assert infer.infer_outlet([first], []) == outlet
    assert published_date([first], [])[0] == published


def test_source_footer_names_the_outlet_and_is_stripped():
    text = BODY + "\n\nSource: Al Jazeera and news agencies"
    article = build_article("f.txt", text)
    assert (article.outlet, article.outlet_origin) == ("Al Jazeera", "inferred")
    assert "Source:" not in article.text and "Source: Al Jazeera and news agencies" in article.stripped


@pytest.mark.parametrize("byline, author, outlet", [
    ("By Sameer Malik and Nasir Wardak", "Sameer Malik and Nasir Wardak", None),
    ("By Hamza Rauf | Profit", "Hamza Rauf", "Profit"),
    ("By Ayesha Siddiqa, Lubna Jerar Naqvi", "Ayesha Siddiqa, Lubna Jerar Naqvi", None),
])
def test_bylines_give_the_author_and_leave_the_text(byline, author, outlet):
    article = build_article("b.txt", "Talks stall again\n\n" + byline + "\n\n" + BODY)
    assert article.author == author
    assert article.outlet == outlet
    assert byline not in article.text and byline in article.stripped


def test_a_sentence_starting_with_by_is_not_a_byline():
    article = build_article("n.txt", "By then the talks had collapsed.\n\n" + BODY)
    assert article.text.startswith("By then the talks had collapsed.")
    assert article.author is None


def test_wire_credit_line_is_boilerplate():
    article = build_article("w.txt", BODY + "\n\n(Reporting by Sameer Malik; Editing by Clara Hughes)")
    assert "Reporting by" not in article.text


def test_an_unexpected_error_on_one_file_skips_only_that_file(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_text(BODY + " Another sentence for a distinct text.")
    real = loader.load_path

    def flaky(path, given=None, name=None):
        if path.name == "a.txt":
            raise RuntimeError("parser bug")
        return real(path, given, name=name)

    monkeypatch.setattr(loader, "load_path", flaky)
    articles, skipped = load_folder(tmp_path)
    assert [a.file for a in articles] == ["b.txt"]
    assert skipped[0].file == "a.txt" and "RuntimeError: parser bug" in skipped[0].reason


@pytest.mark.parametrize("url, texts, outlet", [
    ("https://kathmandupost.com/editorial/x", ["Read the editorial in The Kathmandu Post."], "The Kathmandu Post"),
    ("https://www.naijaonpoint.com/x", ["Reporting by Naija On Point staff"], "Naija On Point"),
    ("https://kathmandupost.com/editorial/x", ["No name of the site in this text."], "kathmandupost.com"),
    ("https://www.dawn.com/news/1", [], "Dawn"),  # a known domain
    # no name printed: the registrable domain, never the host's own labels (a feed, app or edition subdomain)
    ("https://news.examplepost.vn/world/x", [], "examplepost.vn"),
    ("https://m.en.examplewire.com/a/1", [], "examplewire.com"),
    ("https://english.examplegazette.org.eg/News/1.aspx", [], "examplegazette.org.eg"),
    ("https://feeds.bbci.co.uk/news/world/x", [], "BBC"),  # the BBC's feed domain is a known one
    ("https://news.examplepost.vn/world/x", ["Read it in the Examplepost."], "Examplepost"),
])
def test_outlet_from_url(url, texts, outlet):
    assert infer.outlet_from_url(url, texts) == outlet


def test_an_address_outweighs_an_agency_credit():
    """A page on a site that carries an agency's story belongs to the site; the agency is its source."""
    text = "ISLAMABAD (Reuters) - Pakistan and Afghanistan agreed to extend the truce, officials said on Sunday."
    article = build_article("r.txt", text + " " + BODY, header={"url": "https://www.indianmirror.com/news/x"})
    assert article.outlet == "indianmirror.com"


@pytest.mark.parametrize("paragraph, credit, rest", [
    ("… the measures,` the minister said.-AFP", "-AFP", "… the measures,` the minister said."),
    ("They met on Friday. — Reuters", "— Reuters", "They met on Friday."),
    ("The AP reported on Friday.", None, "The AP reported on Friday."),
    ("He joined AFP in 2010 - AFP", None, "He joined AFP in 2010 - AFP"),  # no sentence end before the credit
])
def test_split_agency_credit(paragraph, credit, rest):
    assert infer.split_agency_credit(paragraph) == (credit, rest)


def test_trailing_credit_is_stripped_and_kept():
    article = build_article("c.txt", BODY + " The talks will resume, the minister said.-AFP")
    assert article.text.endswith("the minister said.") and "-AFP" in article.stripped


def test_a_tail_marker_above_the_story_ends_nothing():
    """A menu's "Related Posts" line above the story is stripped; the story after it is kept."""
    text = "Sunday, July 27, 2025\n\nLATEST\n\nRelated Posts\n\n" + BODY + "\n\n" + BODY.replace("Thursday", "Friday")
    article = build_article("m.txt", text)
    assert article.text.count("to extend the ceasefire") == 2 and "Related Posts" in article.stripped


# ---------------------------------------------------------------- hostile input, round two (issue 24)

ARTICLE = " ".join([BODY] * 3)  # a text long enough to be an article (over MIN_WORDS)


def test_nul_and_other_controls_are_removed_from_text_deep_in_the_file():
    text = ARTICLE + "\n\n" + "More words about the talks. " * 200  # over 4 KB: past the binary sniff
    data = (text[:4500] + "\x00" + text[4500:4600] + "\x07\x1b\x0b\x7f" + text[4600:]).encode("utf-8")
    article = load_bytes("nul.txt", data)
    assert not any(ch in article.text for ch in "\x00\x07\x1b\x0b")
    assert "\x7f" in article.text  # DEL is not a C0 control: PostgreSQL stores it
    clean = text[:4600] + "\x7f" + text[4600:]
    assert article.article_id == load_bytes("clean.txt", clean.encode("utf-8")).article_id  # same text, same id


def test_controls_are_removed_from_metadata_and_raw_html():
    article = build_article("h.txt", ARTICLE, header={"title": "Talks\x00 resume\x1b", "outlet": "Da\x00wn\n"},
                            raw_html="<p>" + ARTICLE + "\x00\x01</p>\r\n")
    assert (article.title, article.outlet) == ("Talks resume", "Dawn")
    assert article.raw_html == "<p>" + ARTICLE + "</p>\r\n"  # tab, newline and carriage return kept


def test_a_bad_url_is_dropped_with_a_warning_and_the_article_kept():
    article = build_article("u.txt", ARTICLE, given={"url": "http://[bad", "title": "Kept"},
                            header={"url": "https://www.dawn.com/news/1"})
    assert article.title == "Kept"
    assert (article.url, article.url_origin) == ("https://www.dawn.com/news/1", "header")  # the next source's
    assert article.warnings == ("url from the manifest dropped: 'http://[bad' is not a valid URL "
                                "(Invalid IPv6 URL)",)
    alone = build_article("v.txt", ARTICLE, header={"url": "http://example.org:port/x"})
    assert alone.url is None and alone.url_origin == "unknown" and "not a valid URL" in alone.warnings[0]


@pytest.mark.parametrize("url", ["https://www.dawn.com/news/1950000", "www.dawn.com/news/1", "http://[::1]:8080/x"])
def test_a_good_url_is_kept_without_warning(url):
    article = build_article("g.txt", ARTICLE, header={"url": url})
    assert article.url == url and article.warnings == ()


def test_an_overlong_metadata_value_is_dropped_with_a_warning():
    article = build_article("t.txt", ARTICLE, header={"title": "Talks " * 400, "outlet": "Dawn"})
    assert article.title_origin != "header" and article.outlet == "Dawn"
    assert article.warnings == ("title from the header dropped: 2,399 characters (the limit is 1,000)",)


def _write(folder, name, text=ARTICLE):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_manifest_row_with_an_extra_cell_is_reported_by_line_and_the_files_still_load(tmp_path):
    _write(tmp_path, "a.txt", ARTICLE + " First.")
    _write(tmp_path, "b.txt", ARTICLE + " Second.")
    _write(tmp_path, "c.txt", ARTICLE + " Third.")
    (tmp_path / "manifest.csv").write_text(
        "file,title,outlet\n"
        "a.txt,A title,A outlet,EXTRA\n"  # one cell too many: which column it belongs to cannot be told
        'b.txt,"B title, with a comma",B outlet\n'
        "c.txt,C title\n"  # a short row is read (the missing cells are empty)
        ",,\n"  # an empty row is no row
        "d.txt,D title,D outlet,,\n", encoding="utf-8")  # empty cells past the header are ignored
    articles, skipped = load_folder(tmp_path)
    by_file = {a.file: a for a in articles}
    assert set(by_file) == {"a.txt", "b.txt", "c.txt"}
    assert by_file["a.txt"].title_origin != "manifest"
    assert (by_file["b.txt"].title, by_file["b.txt"].outlet) == ("B title, with a comma", "B outlet")
    assert by_file["c.txt"].title == "C title" and by_file["c.txt"].outlet_origin != "manifest"
    assert [(s.file, s.reason) for s in skipped] == [
        ("manifest.csv", "line 2: 4 cells where the header has 3; row ignored")]


def test_a_manifest_cell_over_the_csv_field_limit_is_reported_and_the_next_rows_read(tmp_path):
    _write(tmp_path, "a.txt", ARTICLE + " First.")
    _write(tmp_path, "b.txt", ARTICLE + " Second.")
    (tmp_path / "manifest.csv").write_text(
        f'file,title\na.txt,"{"x" * 140_000}"\nb.txt,B title\n', encoding="utf-8")
    articles, skipped = load_folder(tmp_path)
    assert {a.file: a.title for a in articles}["b.txt"] == "B title"
    assert len(articles) == 2
    assert [s.reason for s in skipped] == [
        "line 2: unreadable row (field larger than field limit (131072)); row ignored"]


@pytest.mark.parametrize("content, reason", [
    ("name,title\na.txt,A\n", "no 'file' column in its first row; no manifest values used"),
    (b"\x00\x01\x02" * 2000, "not read (binary file (contains NUL bytes)); no manifest values used"),
])
def test_a_manifest_that_cannot_be_used_is_reported_once(tmp_path, content, reason):
    _write(tmp_path, "a.txt")
    path = tmp_path / "manifest.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    articles, skipped = load_folder(tmp_path)
    assert [a.file for a in articles] == ["a.txt"]
    assert [(s.file, s.reason) for s in skipped] == [("manifest.csv", reason)]


def test_the_same_file_name_in_two_sub_folders_keeps_each_its_own_path_and_manifest_row(tmp_path):
    _write(tmp_path, "a/report.txt", ARTICLE + " From folder a.")
    _write(tmp_path, "b/report.txt", ARTICLE + " From folder b.")
    (tmp_path / "manifest.csv").write_text("file,title,outlet\na/report.txt,A title,Dawn\n"
                                           "./b/report.txt,B title,Geo News\n", encoding="utf-8")
    articles, skipped = load_folder(tmp_path)
    got = {a.file: (a.title, a.outlet) for a in articles}
    assert got == {"a/report.txt": ("A title", "Dawn"), "b/report.txt": ("B title", "Geo News")} and not skipped


def test_a_manifest_row_by_base_name_applies_only_when_the_name_is_unique(tmp_path):
    _write(tmp_path, "sub/only.txt", ARTICLE + " Only one of these.")
    _write(tmp_path, "a/twice.txt", ARTICLE + " Twice, in a.")
    _write(tmp_path, "b/twice.txt", ARTICLE + " Twice, in b.")
    (tmp_path / "manifest.csv").write_text("file,title\nonly.txt,Only title\ntwice.txt,Ambiguous title\n",
                                           encoding="utf-8")
    titles = {a.file: a.title for a in load_folder(tmp_path)[0]}
    assert titles["sub/only.txt"] == "Only title"
    assert titles["a/twice.txt"] != "Ambiguous title" and titles["b/twice.txt"] != "Ambiguous title"


def test_a_backslash_in_a_corpus_file_name_is_part_of_the_name(tmp_path):
    _write(tmp_path, "a<\\script>.txt", ARTICLE + " The first.")
    _write(tmp_path, "script>.txt", ARTICLE + " The second.")
    articles, skipped = load_folder(tmp_path)
    assert sorted(a.file for a in articles) == ["a<\\script>.txt", "script>.txt"] and not skipped
    assert loader.safe_file_name("a<\\script>.txt") == "script>.txt"  # an upload's name stays a base name


def test_corpus_names_with_controls_are_reported_escaped(tmp_path):
    _write(tmp_path, "a\x1b]0;PWNED\x07b.txt", "")
    _write(tmp_path, "c\nskipped x.txt: all good.txt", ARTICLE)
    articles, skipped = load_folder(tmp_path)
    assert [a.file for a in articles] == ["c\\nskipped x.txt: all good.txt"]
    assert [(s.file, s.reason) for s in skipped] == [("a\\x1b]0;PWNED\\x07b.txt", "empty file")]


def test_links_and_special_files_are_skipped_with_a_reason(tmp_path):
    import os

    corpus = tmp_path / "corpus"
    _write(corpus, "real.txt", ARTICLE + " The real one.")
    _write(corpus, "sub/inner.txt", ARTICLE + " Inside a sub-folder.")
    outside = _write(tmp_path, "outside.txt", ARTICLE + " Secret text from outside.")
    os.symlink(outside, corpus / "out_link.txt")
    os.symlink("/proc/self/status", corpus / "proc.txt")
    os.symlink("/dev/zero", corpus / "zero.txt")
    os.symlink(corpus / "sub" / "inner.txt", corpus / "z_in_link.txt")  # stays inside: read (a duplicate)
    os.symlink(tmp_path / "missing.txt", corpus / "dangling.txt")
    os.symlink("loop.txt", corpus / "loop.txt")
    os.symlink(corpus / "sub", corpus / "folder_link")
    os.symlink(tmp_path, corpus / "outer_folder")
    os.mkfifo(corpus / "pipe.txt")
    articles, skipped = load_folder(corpus)
    assert sorted(a.file for a in articles) == ["real.txt", "sub/inner.txt"]
    assert "Secret" not in " ".join(a.text for a in articles)
    assert {s.file: s.reason for s in skipped} == {
        "dangling.txt": "broken link (its target does not exist)",
        "folder_link": "link to a folder (not followed)",
        "z_in_link.txt": "duplicate of sub/inner.txt (same text)",
        "loop.txt": "link loop (not followed)",
        "out_link.txt": "link leading outside the corpus folder (not followed)",
        "outer_folder": "link leading outside the corpus folder (not followed)",
        "pipe.txt": "not a regular file (a named pipe)",
        "proc.txt": "link leading outside the corpus folder (not followed)",
        "zero.txt": "link leading outside the corpus folder (not followed)",
    }


def test_boilerplate_lines_and_tail_are_stripped_and_kept_aside():
    story = ["Talks resume in Doha", "Share on Facebook", "Pakistan and Afghanistan agreed on Sunday to extend the "
             "ceasefire for another week after a second round of talks in Doha, the mediators said, and both "
             "sides promised to reopen the crossing at Torkham for trade and to exchange prisoners before the next "
             "round.", "Related Posts", "Another story entirely"]
    kept, stripped = boilerplate.strip_boilerplate(story)
    assert kept == [story[0], story[2]]
    assert stripped == ["Share on Facebook", "Related Posts", "Another story entirely"]


def test_a_tail_marker_before_the_story_ends_nothing():
    kept, stripped = boilerplate.strip_boilerplate(["Menu", "Related Posts", "The talks resumed on Sunday."])
    assert "The talks resumed on Sunday." in kept and "Related Posts" in stripped


def test_checked_metadata_drops_what_cannot_be_a_value_with_a_warning():
    warnings: list[str] = []
    values = metadata.checked_metadata({"title": "Talks\x07 resume\n in  Doha", "url": "http://[bad",
                                        "outlet": "x" * (metadata.MAX_META_CHARS + 1)}, "manifest", warnings)
    assert values == {"title": "Talks resume in Doha"}
    assert [w.split(":")[0] for w in warnings] == ["url from the manifest dropped", "outlet from the manifest dropped"]


def test_the_text_is_searched_only_for_what_nobody_gave(monkeypatch):
    searched = []
    real_date, real_outlet = loader.published_date, loader.infer_outlet
    monkeypatch.setattr(loader, "published_date", lambda *a: searched.append("date") or real_date(*a))
    monkeypatch.setattr(loader, "infer_outlet", lambda *a: searched.append("outlet") or real_outlet(*a))
    dated = "Published: 14 October 2025\n\n" + BODY
    given = build_article("given.txt", dated, header={"published": "2025-10-20", "outlet": "Dawn"})
    assert (given.published, given.published_origin, given.outlet_origin) == ("2025-10-20", "header", "header")
    assert searched == []  # both were given: dateparser and the outlet rules never ran
    found = build_article("found.txt", dated)
    assert (found.published, found.published_origin) == ("2025-10-14", "inferred")
    assert searched == ["outlet", "date"]
