"""Speaker names (first version: the quotes issue replaces it; the two functions below are the contract)."""
from __future__ import annotations

from typing import Mapping


def default_aliases() -> dict[str, str]:
    return {}


def canonical_speaker(name: str, aliases: Mapping[str, str]) -> str:
    tidy = " ".join((name or "").split())
    return aliases.get(tidy.lower(), tidy)
