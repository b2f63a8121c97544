"""Stance toward the talks (first version: the stance issue replaces it; the signature is the contract)."""
from __future__ import annotations

from typing import Optional, Sequence

from spacy.tokens import Doc

from lib.records import Quote, Sentence, Stance


def score_stance(doc: Doc, sentences: Sequence[Sentence], quotes: Sequence[Quote] = (),
                 title: Optional[str] = None) -> Stance:
    return Stance()
