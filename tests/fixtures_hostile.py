"""Builders of hostile inputs for the robustness tests. Everything is generated at test time into a temporary
folder (no binary fixtures in the repository); each builder returns (file name, bytes)."""
from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# A distinctive English paragraph whose characters differ between encodings (curly quotes, dash, accents).
ACCENTED = ("Pakistan’s defence minister said on Thursday that “the ceasefire is holding” — and that the café "
            "meetings in Zürich and Doha were a résumé of the talks between Pakistan and Afghanistan, which the "
            "mediators from Qatar and Türkiye described as a step toward a lasting agreement for the region.")

PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
             b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00"
             b"\x00IEND\xaeB`\x82")

FRENCH = ("Le Pakistan et l'Afghanistan ont convenu jeudi de prolonger le cessez-le-feu après des pourparlers à "
          "Istanbul, ont déclaré des responsables, et les médiateurs du Qatar et de la Turquie ont salué le "
          "résultat de la réunion. Les deux pays se retrouveront le mois prochain pour une nouvelle série de "
          "discussions sur la sécurité de la frontière et le retour des réfugiés.")


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def seed_paragraphs() -> list[str]:
    """Every non-trivial paragraph (line) of the seed articles."""
    paras = []
    for text in seed_texts():
        paras.extend(line.strip() for line in text.split("\n") if len(line.split()) >= 8)
    return paras


def english_article(tag: str = "", paragraphs: int = 4) -> str:
    """A real-looking English article: seed paragraphs, with an optional unique first line."""
    rng = random.Random(tag)
    paras = seed_paragraphs()
    body = rng.sample(paras, min(paragraphs, len(paras)))
    head = [f"Report {tag}: ceasefire talks between Pakistan and Afghanistan continue"] if tag else []
    return "\n\n".join(head + body) + "\n"


def corpus(folder: Path, n: int = 60, paragraphs: int = 3) -> list[Path]:
    """`n` distinct articles made by reshuffling seed paragraphs, each with a unique first line."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"art_{i:03d}.txt"
        path.write_text(english_article(f"{i:03d}", paragraphs), encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------------------------- hostile files

def empty() -> bytes:
    return b""


def whitespace_only() -> bytes:
    return b"  \n\n\t \r\n "


def png() -> bytes:
    return PNG_BYTES


def random_bytes(n: int = 4096, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.getrandbits(8) for _ in range(n))


def random_bytes_no_nul(n: int = 4096, seed: int = 11) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(n))


def in_encoding(encoding: str) -> bytes:
    """ACCENTED plus a seed article, encoded as `encoding` ("utf-16" writes a BOM)."""
    text = ACCENTED + "\n\n" + english_article(f"enc-{encoding}", 3)
    if encoding == "latin-1":  # latin-1 has no curly quotes or dashes
        text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-")
        text = "".join(ch for ch in text if ord(ch) < 256)
    return text.encode(encoding)


def hostile_html() -> bytes:
    """A page full of scripts, styles, navigation, cookie banners and share links around one article."""
    body = "".join(f"<p>{p}</p>\n" for p in english_article("html", 4).split("\n\n") if p.strip())
    page = f"""<!DOCTYPE html><html><head><title>Ceasefire extended after Istanbul talks</title>
<meta property="og:site_name" content="Example News">
<script>document.write('<p>INJECTED-SCRIPT-TEXT</p>'); var x = "</p><p>NOT-ARTICLE";</script>
<style>p {{ color: red }} .x::after {{ content: "STYLE-TEXT" }}</style></head>
<body><nav><ul><li><a href="/">NAV-HOME</a></li><li><a href="/world">NAV-WORLD</a></li></ul></nav>
<header><div class="cookie">COOKIE-BANNER accept all cookies</div></header>
<script src="tracker.js"></script><noscript>NOSCRIPT-TEXT</noscript>
<article><h1>Ceasefire extended after Istanbul talks</h1>
{body}</article>
<aside>ASIDE-TEXT Related Posts</aside><script>track('SCRIPT-AT-END')</script>
<footer>FOOTER-TEXT © 2025 Example News</footer><iframe src="javascript:alert(1)"></iframe></body></html>"""
    return page.encode("utf-8")


HTML_JUNK = ("INJECTED-SCRIPT-TEXT", "NOT-ARTICLE", "STYLE-TEXT", "NAV-HOME", "NAV-WORLD", "NOSCRIPT-TEXT",
             "SCRIPT-AT-END", "track(", "document.write", "javascript:")


def french() -> bytes:
    return FRENCH.encode("utf-8")


def big_text(megabytes: float = 6.0) -> bytes:
    """Several megabytes of repeated English article paragraphs (well under 10 MB, far over 1,000,000 chars)."""
    block = ("\n\n".join(seed_paragraphs()) + "\n\n").encode("utf-8")
    return block * (int(megabytes * 1024 * 1024) // len(block) + 1)


def too_large(megabytes: float = 10.5) -> bytes:
    return big_text(megabytes)


def tiny(i: int) -> bytes:
    return f"ceasefire note number {i}".encode("utf-8")


# Names a file on disk can have (no "/" or newline): quotes, semicolons, SQL, unicode, formula starts.
ODD_NAMES = ("it's \"odd\"; DROP TABLE articles;--.txt", "Zürich – talks ✓ 日本語.txt", "=cmd|' -C calc'!A0.txt",
             "semi;colon;name.txt", "-leading dash.txt", "@at.txt", "$(touch pwned).txt", "  spaced  .md")

TRAVERSAL_NAMES = ("../../evil.txt", "..\\..\\evil_win.txt", "/etc/evil_abs.txt", "sub/../../evil_mixed.txt")


def hostile_set() -> dict[str, bytes]:
    """name -> bytes of one of each hostile file, plus two good articles and an exact duplicate."""
    good = english_article("good-a", 4).encode("utf-8")
    return {
        "a_good.txt": good,
        "b_duplicate.txt": good,
        "c_good_other.md": ("# A second article\n\n" + english_article("good-b", 4)).encode("utf-8"),
        "empty.txt": empty(),
        "blank.txt": whitespace_only(),
        "image.txt": png(),
        "noise.txt": random_bytes(),
        "noise_no_nul.txt": random_bytes_no_nul(),
        "cp1252.txt": in_encoding("cp1252"),
        "latin1.txt": in_encoding("latin-1"),
        "utf16.txt": in_encoding("utf-16"),
        "page.html": hostile_html(),
        "french.txt": french(),
        "big.txt": big_text(6.0),
        "tiny.txt": tiny(0),
    }


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder
