"""Direct quotes in a parsed article (first version: the quotes issue replaces it; the signature is the contract)."""
from __future__ import annotations

from spacy.tokens import Doc

from lib.records import Quote


def extract_quotes(doc: Doc) -> list[Quote]:
    """Every direct quote and scare-quote fragment in `doc`, speakers resolved within the article."""
    return []
