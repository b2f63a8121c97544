"""Small builders for tests that need stored articles without parsing text."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lib.analyse import ANALYSIS_VERSION
from lib.ingest.loader import build_article
from lib.records import Analysis, Figure, Quote, Sentence, Stance

BODY = ("Pakistan and Afghanistan agreed on Thursday to extend the ceasefire after talks in Istanbul, officials "
        "said, and the mediators from Qatar and Türkiye welcomed the result of the meeting. ")


ROOT = Path(__file__).resolve().parent.parent


def ingest_seeds(db: Path) -> Path:
    """The five seeds ingested by the CLI into the store `db` (as an analyst's first start would); returns db."""
    subprocess.run([sys.executable, "-m", "lib", "ingest", str(ROOT / "seeds"), "--db", str(db), "--quiet"],
                   cwd=ROOT, check=True, timeout=600)
    return db


def make_article(name: str, extra: str = "", **header):
    lines = [f"{key}: {value}" for key, value in header.items()]
    text = ("\n".join(lines) + "\n\n" if lines else "") + BODY + extra
    from lib.ingest.metadata import split_header

    head, body = split_header(text)
    return build_article(name, body, header=head)


def make_analysis(article, stance="hopeful", score=0.5, speaker="Khawaja Asif", version=ANALYSIS_VERSION):
    quote = Quote(quote="We will talk again.", start_char=0, end_char=19, spans=((0, 19),),
                  sentence="“We will talk again,” he said.", speaker=speaker, speaker_origin="named", cue="said")
    figure = Figure(text="1,500", start_char=5, end_char=10, sentence="1,500 incidents.", category="incidents",
                    value=1500.0, unit="incidents")
    sentence = Sentence(index=0, start_char=0, end_char=len(article.text), paragraph=0, text=article.text)
    return Analysis(article_id=article.article_id, analysis_version=version, n_words=10, polarity=0.1,
                    subjectivity=0.2, polarity_adjusted=0.15, stance=Stance(label=stance, score=score, n_sentences=3),
                    quotes=(quote,), figures=(figure,), sentences=(sentence,))
