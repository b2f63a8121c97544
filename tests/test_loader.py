"""Loader: encodings, HTML, boilerplate, header blocks, manifests, and what is inferred for each seed."""
from __future__ import annotations

import pytest

from lib import loader
from lib.loader import SkipFile, build_article, load_bytes, load_folder
from lib.pubdate import published_date

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
    assert loader.infer_outlet(lines, []) == outlet


@pytest.mark.parametrize("paragraphs, expected", [
    (["Peshawar, 12 October 2025 — Clashes broke out at the border."], "2025-10-12"),
    (["Posted on Oct. 5, 2025"], "2025-10-05"),
    (["The truce was agreed on October 19, 2025 in Doha."], None),  # an event date is not a publication date
    (["Talks are set for November 6."], None),
])
def test_published_signals(paragraphs, expected):
    assert published_date(paragraphs, [])[0] == expected


def test_hard_wrapped_lines_are_joined_and_paragraphs_kept():
    text = loader.normalise_text("First line of a sentence that\ncontinues here.\nSecond paragraph.\r\n\r\n\nThird.")
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
    assert loader.infer_outlet([first], []) == outlet
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

    def flaky(path, given=None):
        if path.name == "a.txt":
            raise RuntimeError("parser bug")
        return real(path, given)

    monkeypatch.setattr(loader, "load_path", flaky)
    articles, skipped = load_folder(tmp_path)
    assert [a.file for a in articles] == ["b.txt"]
    assert skipped[0].file == "a.txt" and "RuntimeError: parser bug" in skipped[0].reason


@pytest.mark.parametrize("url, texts, outlet", [
    ("https://kathmandupost.com/editorial/x", ["Read the editorial in The Kathmandu Post."], "The Kathmandu Post"),
    ("https://www.naijaonpoint.com/x", ["Reporting by Naija On Point staff"], "Naija On Point"),
    ("https://kathmandupost.com/editorial/x", ["No name of the site in this text."], "kathmandupost.com"),
    ("https://www.dawn.com/news/1", [], "Dawn"),  # a known domain
])
def test_outlet_from_url(url, texts, outlet):
    assert loader.outlet_from_url(url, texts) == outlet


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
    assert loader.split_agency_credit(paragraph) == (credit, rest)


def test_trailing_credit_is_stripped_and_kept():
    article = build_article("c.txt", BODY + " The talks will resume, the minister said.-AFP")
    assert article.text.endswith("the minister said.") and "-AFP" in article.stripped


def test_a_tail_marker_above_the_story_ends_nothing():
    """A menu's "Related Posts" line above the story is stripped; the story after it is kept."""
    text = "Sunday, July 27, 2025\n\nLATEST\n\nRelated Posts\n\n" + BODY + "\n\n" + BODY.replace("Thursday", "Friday")
    article = build_article("m.txt", text)
    assert article.text.count("to extend the ceasefire") == 2 and "Related Posts" in article.stripped
