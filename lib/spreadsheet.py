"""The dashboard's downloads as a spreadsheet opens them: CSV in UTF-8 with a byte-order mark (Excel reads UTF-8
without one as cp1252: "TÃ¼rkiye"), whole numbers without ".0", `true`/`false`, text in full and formula-safe;
and one Excel workbook (.xlsx, a sheet per table, written with XlsxWriter) in which no text cell becomes a
formula or a link. Pure: DataFrames in, bytes out; no streamlit.

The CLI export (`python -m lib export`, lib/export.py) is a contract with its own format and does not use this.
"""
from __future__ import annotations

import io
import json
import math
import re
from datetime import date, datetime
from typing import Mapping

import numpy as np
import pandas as pd

from lib.export import safe_frame

CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark
SHEET_NAME_LIMIT = 31  # Excel's limit on a sheet's name
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")
# Workbook options: text stays text (never a formula, a number or a link), whatever it starts with.
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
                    "nan_inf_to_errors": True}


def _missing(value) -> bool:
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict, np.ndarray)) else False
    except (TypeError, ValueError):
        return False


def cell_text(value) -> str:
    """One cell as a spreadsheet reads it best: "" for a missing value, true/false, a whole number without
    ".0" (1400000, not 1400000.0 or 1.4e+06), other numbers as Python writes them, a date as ISO, a list as
    JSON, anything else as its text in full."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return json.dumps(list(value), ensure_ascii=False, default=str)
    if _missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell of `frame` through `cell_text` (column names kept)."""
    return pd.DataFrame({col: [cell_text(v) for v in frame[col].tolist()] for col in frame.columns},
                        columns=list(frame.columns), index=range(len(frame)), dtype="object")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV a download button serves: UTF-8 with a byte-order mark, cells as `cell_text` writes them, every
    text cell formula-safe (a leading apostrophe before = + - @, unless a plain number)."""
    buffer = io.StringIO()
    safe_frame(text_frame(frame)).to_csv(buffer, index=False)
    return buffer.getvalue().encode(CSV_ENCODING)


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for `name`: no [ ] : * ? / \\ ', at most 31 characters."""
    base = _SHEET_FORBIDDEN.sub(" ", str(name)).strip() or "Sheet"
    base = base[:SHEET_NAME_LIMIT]
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        candidate = base[:SHEET_NAME_LIMIT - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def _sheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers and booleans stay themselves (Excel types); dates, lists and other objects become text;
    missing values empty cells."""
    out = {}
    for col in frame.columns:
        series = frame[col]
        if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
            out[col] = series.astype("object").where(series.notna(), None)
        else:
            out[col] = pd.Series([None if (not isinstance(v, (list, tuple, np.ndarray)) and _missing(v))
                                  else v if isinstance(v, (bool, int, float, str)) else cell_text(v)
                                  for v in series.tolist()], dtype="object")
    return pd.DataFrame(out, columns=list(frame.columns))


def workbook_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One .xlsx workbook, a sheet per table (in the given order), headed by the columns' names; text cells are
    written as text (never a formula or a link), numbers as numbers."""
    buffer = io.BytesIO()
    taken: set[str] = set()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": WORKBOOK_OPTIONS}) as writer:
        for name, frame in sheets.items():
            title = sheet_name(name, taken)
            table = _sheet_frame(frame)
            table.to_excel(writer, sheet_name=title, index=False)
            sheet = writer.sheets[title]
            for i, col in enumerate(table.columns):  # a readable width: the header or the longest of 200 rows
                sample = [len(str(col))] + [len(str(v)) for v in table[col].head(200).tolist() if v is not None]
                sheet.set_column(i, i, min(max(sample) + 2, 60))
            sheet.freeze_panes(1, 0)
    return buffer.getvalue()
