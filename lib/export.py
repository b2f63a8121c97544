"""The CSV contract (`python -m lib export`) and the formula-safe cell writer that every download uses.

The columns named in CONTRACT are read by other tools: extend the lists, never rename or drop a column.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Iterable, Optional, Sequence

import pandas as pd
from sqlalchemy.engine import Engine

from lib import store, voices
from lib.ingest.loader import Skipped

# Columns each CSV must start with, in this order (the contract), then the extra columns we add. A value a person
# corrected is in its own column (stance, speaker, fragment, value, category), with its origin `corrected` in
# speaker_origin or in the *_origin column added for it (`analysis` otherwise).
CONTRACT = {
    "articles": ["article_id", "file", "title", "outlet", "outlet_origin", "published", "published_origin", "url",
                 "language", "n_words", "polarity", "subjectivity", "stance", "stance_score"],
    "quotes": ["article_id", "file", "quote", "speaker", "speaker_origin", "fragment", "polarity", "subjectivity",
               "start_char", "end_char", "sentence"],
    "figures": ["article_id", "file", "category", "value", "unit", "qualifier", "period", "attributed_to", "text",
                "sentence", "start_char"],
    "sentences": ["article_id", "file", "sentence_index", "paragraph", "start_char", "end_char", "text",
                  "polarity", "subjectivity"],
    "entities": ["article_id", "file", "text", "label", "canonical", "start_char", "end_char"],
    "skipped": ["file", "reason"],
}
EXTRA = {
    "articles": ["title_origin", "url_origin", "author", "polarity_adjusted", "stance_n_sentences",
                 "stance_outlet_score", "stance_quoted_score", "evidence_hopeful", "evidence_pessimistic",
                 "analysis_version", "stance_origin", "topic", "voice_id", "copies", "voice_source"],
    "quotes": ["speaker_in_article", "cue", "spans", "paragraph", "polarity_adjusted", "outlet", "published",
               "partial", "fragment_origin"],
    "figures": ["end_char", "value_high", "counted", "paragraph", "outlet", "published", "value_origin",
                "category_origin"],
    "sentences": ["polarity_adjusted", "about_talks", "stance_cue", "voice"],
    "entities": [],
    "skipped": [],
}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def safe_cell(value):
    """A text cell a spreadsheet will not run: one starting with = + - @ tab or CR gets a leading apostrophe,
    unless it is a plain number (-3.5 stays a number)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value.strip()):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell made formula-safe, and list cells written as JSON. A bare carriage return
    becomes a line feed: the CSV writer does not quote a cell holding a lone CR, which would split the row."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: _one_line_ending(safe_cell(json.dumps(v, ensure_ascii=False)
                                                                          if isinstance(v, (list, tuple)) else v)))
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out


def _one_line_ending(value):
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV bytes of a frame in the export's format, formula-safe (the dashboard's downloads are written by
    lib/spreadsheet.py, for spreadsheets)."""
    buffer = io.StringIO()
    safe_frame(frame).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def with_columns(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """The contract's columns first (created empty when missing), then the extras, then nothing else."""
    cols = CONTRACT[name] + EXTRA[name]
    frame = frame.copy()
    for col in cols:
        if col not in frame.columns:
            frame[col] = pd.Series([None] * len(frame), dtype="object")
    return frame[cols]


def _bool_text(series: pd.Series) -> pd.Series:
    return series.map(lambda v: "true" if bool(v) and not pd.isna(v) else "false")


def export_frames(engine: Engine, article_ids: Optional[Sequence[str]] = None,
                  file_names: Optional[dict[str, str]] = None, skipped: Iterable[Skipped] = ()) -> dict:
    """The export's frames for the given articles (all stored when None). `file_names` maps article_id to the
    name the file has in the exported corpus, which may differ from the name it was first stored under."""
    filters = {"ids": list(article_ids)} if article_ids is not None else {}
    arts = voices.with_voices(engine, store.read_articles(engine, **filters), within_frame=True)
    quotes = store.read_quotes(engine, **filters)
    figures = store.read_figures(engine, **filters)
    sents = store.read_sentences(engine, **filters).rename(columns={"idx": "sentence_index"})
    ents = store.read_entities(engine, **filters)
    frames = {"articles": arts, "quotes": quotes, "figures": figures, "sentences": sents, "entities": ents}
    if file_names:
        for frame in frames.values():
            if len(frame):
                frame["file"] = frame["article_id"].map(file_names).fillna(frame["file"])
    for flag in ("fragment", "partial"):
        quotes[flag] = _bool_text(quotes[flag])
    if "about_talks" in sents:
        sents["about_talks"] = _bool_text(sents["about_talks"])
    frames["skipped"] = pd.DataFrame([{"file": s.file, "reason": s.reason} for s in skipped],
                                     columns=["file", "reason"])
    return {name: with_columns(frame, name) for name, frame in frames.items()}


def write_export(frames: dict, out_dir: Path | str) -> list[Path]:
    """Write each frame as OUT_DIR/<name>.csv (UTF-8, formula-safe); returns the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        path = out / f"{name}.csv"
        safe_frame(frame).to_csv(path, index=False, encoding="utf-8")
        written.append(path)
    return written
