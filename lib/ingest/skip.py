"""What could not become an article (a file, a URL, a manifest row) and why: raised as `SkipFile` by whatever reads
it, collected as `Skipped` rows for stderr, skipped.csv and the dashboard."""
from __future__ import annotations

from dataclasses import dataclass


class SkipFile(Exception):
    """A file that cannot be stored as an article; `reason` says why, for stderr, skipped.csv and the UI."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Skipped:
    """What could not become an article (a file, a URL, a manifest row) and why."""

    file: str
    reason: str
