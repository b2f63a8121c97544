"""Figures in a parsed article (first version: the figures issue replaces it; the signature is the contract)."""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from lib.records import Figure, Quote


def extract_figures(doc: Doc, quotes: Sequence[Quote] = ()) -> list[Figure]:
    """Every tabled figure in `doc`; `quotes` lets a figure inside a quote be attributed to its speaker."""
    return []
