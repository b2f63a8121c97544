"""Shared fixtures: the spaCy model (loaded once per session) and the seed articles, loaded and parsed."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from lib.ingest.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_articles():
    """Seed articles by their three-digit prefix: seed_articles["000"]."""
    from lib.ingest.loader import load_folder

    articles, _ = load_folder(SEEDS)
    return {a.file[:3]: a for a in articles}


@pytest.fixture(scope="session")
def seed_docs(nlp, seed_articles):
    """Parsed seed texts by prefix: seed_docs["001"]."""
    return {key: nlp(article.text) for key, article in seed_articles.items()}
