"""lib/spreadsheet.py: the dashboard's downloads as a spreadsheet opens them (CSV with a byte-order mark, whole
numbers without .0, true/false, text in full, formula-safe) and the Excel workbook (a sheet per table, text never
a formula)."""
from __future__ import annotations

import csv
import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from lib import spreadsheet

LONG = "word " * 400


def frame():
    return pd.DataFrame({
        "outlet": ["Türkiye Today", "=HYPERLINK(\"http://x\")", None],
        "value": [1_400_000.0, 2.5, float("nan")],
        "n": [3, 4, 5],
        "fragment": [True, False, True],
        "mixed": [True, 7.0, None],
        "sentence": [LONG, "-3.5", "+cmd"],
        "spans": [[[0, 4]], [], [[1, 2], [3, 4]]],
        "published": pd.to_datetime(["2025-11-02", None, "2025-11-08"]),
    })


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_opens_in_a_spreadsheet_as_meant():
    data = spreadsheet.csv_bytes(frame())
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a byte-order mark
    got = rows(data)
    assert got[0] == ["outlet", "value", "n", "fragment", "mixed", "sentence", "spans", "published"]
    assert got[1] == ["Türkiye Today", "1400000", "3", "true", "true", LONG, "[[0, 4]]", "2025-11-02"]
    assert got[2] == ["'=HYPERLINK(\"http://x\")", "2.5", "4", "false", "7", "-3.5", "[]", ""]
    assert got[3] == ["", "", "5", "true", "", "'+cmd", "[[1, 2], [3, 4]]", "2025-11-08"]
    text = data.decode("utf-8-sig")
    assert ".0," not in text and "True" not in text and "False" not in text and "nan" not in text.lower()
    assert "…" not in text  # text in full


@pytest.mark.parametrize("value, text", [(1e6, "1000000"), (2.5e9, "2500000000"), (0.1022, "0.1022"),
                                         (np.float64(3.0), "3"), (np.int64(7), "7"), (np.bool_(False), "false"),
                                         (None, ""), (float("nan"), ""), (pd.NaT, ""), ("None", "None")])
def test_cell_text(value, text):
    assert spreadsheet.cell_text(value) == text


def test_workbook_has_a_sheet_per_table_and_text_stays_text():
    tables = {"Articles": frame(), "quotes: per/speaker?": pd.DataFrame({"speaker": ["Khawaja Asif"], "n": [2]}),
              "x" * 40: pd.DataFrame({"a": [1]}), "Articles ": pd.DataFrame({"b": [1]})}
    book = openpyxl.load_workbook(io.BytesIO(spreadsheet.workbook_bytes(tables)))
    assert book.sheetnames == ["Articles", "quotes  per speaker", "x" * 31, "Articles (2)"]
    sheet = book["Articles"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["outlet", "value", "n", "fragment"]
    assert values[1][:4] == ["Türkiye Today", 1_400_000, 3, True]
    formula_cell = sheet.cell(row=3, column=1)
    assert formula_cell.value == "=HYPERLINK(\"http://x\")" and formula_cell.data_type == "s"  # text, not a formula
    assert values[2][5] == "-3.5" and sheet.cell(row=3, column=6).data_type == "s"
    assert values[1][5] == LONG
    assert values[3][1] is None  # NaN: an empty cell


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    names = [spreadsheet.sheet_name(n, taken) for n in ("a/b", "a b", "A B", "[x]", "", "y" * 50, "y" * 50)]
    assert names == ["a b", "a b (2)", "A B (3)", "x", "Sheet", "y" * 31, "y" * 27 + " (2)"]
