"""Cross-source comparison: groups by category, unit and period; conflicts only where qualifiers cannot fit."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from lib.compare import compare_figures, figure_interval, normalise_period, side_by_side


def row(article, outlet, category, value, unit="people", qualifier="exact", period="", text=None, high=None):
    return {"article_id": article, "outlet": outlet, "published": "2025-11-02", "category": category,
            "value": value, "unit": unit, "qualifier": qualifier, "period": period, "value_high": high,
            "text": text or f"{value:,.0f}", "sentence": "..."}


def test_bounds_are_compatible_and_said_so():
    table = compare_figures(pd.DataFrame([
        row("a1", "Dawn", "deportations", 500_000, qualifier="at least", text="over 500,000"),
        row("a2", "Geo News", "deportations", 600_000, text="600,000"),
    ]))
    assert len(table) == 1
    r = table.iloc[0]
    assert (r.category, r.unit, r.period, r.n_sources) == ("deportations", "people", "", 2)
    assert (r.lowest, r.highest, r.ratio) == (500_000, 600_000, pytest.approx(1.2))
    assert (r.outlets_low, r.outlets_high) == ("Dawn", "Geo News")
    assert not r.conflict
    assert "compatible" in r.note and "over 500,000" in r.note
    assert "Dawn: over 500,000" in r.detail and "Geo News: 600,000" in r.detail


def test_different_periods_are_not_a_conflict():
    table = compare_figures(pd.DataFrame([
        row("a1", "Dawn", "deportations", 500_000, qualifier="at least", period="since September 2023"),
        row("a2", "Geo News", "deportations", 1_700_000, period="by September 2025"),
    ]))
    assert table.empty


def test_exact_figures_that_differ_conflict():
    table = compare_figures(pd.DataFrame([
        row("a1", "Dawn", "refugees", 1_400_000, text="1.4 million"),
        row("a2", "Geo News", "refugees", 3_000_000, text="three million"),
        row("a3", "Tribune", "refugees", 1_400_000, text="1.4 million"),
    ]))
    r = table.iloc[0]
    assert r.conflict and r.n_sources == 3
    assert r.outlets_low == "Dawn, Tribune" and r.outlets_high == "Geo News"
    assert r.ratio == pytest.approx(3 / 1.4)


@pytest.mark.parametrize("a,b,conflict", [
    ((1_400_000, "exact"), (1_450_000, "exact"), False),  # rounding of "1.4 million"
    ((1_500, "exact"), (1_600, "exact"), True),
    ((600_000, "at least"), (500_000, "exact"), True),  # "over 600,000" cannot be 500,000
    ((800, "at most"), (750, "exact"), False),  # "nearly 800"
    ((800, "at most"), (900, "exact"), True),
    ((600_000, "approximately"), (650_000, "exact"), False),
])
def test_qualifiers_decide_conflict(a, b, conflict):
    table = compare_figures(pd.DataFrame([
        row("a1", "Dawn", "casualties", a[0], qualifier=a[1]), row("a2", "Geo", "casualties", b[0], qualifier=b[1])]))
    assert bool(table.iloc[0].conflict) is conflict


def test_ranges_and_units_and_single_source():
    table = compare_figures(pd.DataFrame([
        row("a1", "Dawn", "deportations", 20_000, qualifier="range", high=25_000, text="20,000-25,000"),
        row("a2", "Geo", "deportations", 22_000),
        row("a3", "Dawn", "economy", 2.5e9, unit="PKR", period="daily"),
        row("a4", "Geo", "economy", 10e6, unit="USD", period="per day"),  # other unit: another group
        row("a5", "Geo", "incidents", 45, unit="incidents"),  # one source only
        row("a6", "Geo", "incidents", None, unit="incidents", text="dozens"),
    ]))
    assert list(table.category) == ["deportations"]
    r = table.iloc[0]
    assert not r.conflict and r.highest == 25_000 and r.lowest == 20_000


def test_two_articles_same_outlet_count_as_two_sources():
    table = compare_figures(pd.DataFrame([
        row("a1", "Dawn", "incidents", 1_500, unit="incidents", period="in 2024-25"),
        row("a2", "Dawn", "incidents", 2_000, unit="incidents", period="in 2024-2025"),
    ]))
    assert len(table) == 1 and table.iloc[0].conflict and table.iloc[0].period == "in 2024-2025"


def test_empty_and_missing_values():
    assert compare_figures(pd.DataFrame()).empty
    assert list(compare_figures(pd.DataFrame()).columns)[:11] == [
        "category", "unit", "period", "n_sources", "lowest", "highest", "ratio", "outlets_low", "outlets_high",
        "detail", "conflict"]
    missing_outlet = pd.DataFrame([row("abcdef123", None, "refugees", 1e6), row("bcdefg456", "Geo", "refugees", 2e6)])
    r = compare_figures(missing_outlet).iloc[0]
    assert r.outlets_low == "abcdef12" and r.conflict


@pytest.mark.parametrize("written,normal", [
    ("since Sept 2023", "since september 2023"), ("in 2024-25", "in 2024-2025"), ("annually", "annual"),
    ("per day", "daily"), ("By  the end of the year", "by end of year"), (None, ""), (float("nan"), ""),
])
def test_normalise_period(written, normal):
    assert normalise_period(written) == normal


def test_intervals():
    assert figure_interval(500_000, "at least")[1] == math.inf
    assert figure_interval(300, "range", 400) == pytest.approx((285, 420))  # round hundreds: 5 % either side
    low, high = figure_interval(1_400_000)
    assert (low, high) == pytest.approx((1_350_000, 1_450_000))


def test_side_by_side():
    table = side_by_side(pd.DataFrame([
        row("a1", "Dawn", "deportations", 500_000, qualifier="at least", text="over 500,000",
            period="since September 2023"),
        row("a2", "Geo", "deportations", 600_000, text="600,000", period="since Sept 2023"),
        row("a2", "Geo", "casualties", None, text="dozens"),
        row("a3", "Geo", "casualties", 800, text="800"),
    ]))
    assert list(table.columns) == ["category", "period", "Dawn", "Geo"]
    dep = table[table.category == "deportations"].iloc[0]
    assert (dep.period, dep.Dawn, dep.Geo) == ("since september 2023", "over 500,000", "600,000")
    cas = table[table.category == "casualties"].iloc[0]
    assert cas.Geo == "dozens; 800" and cas.Dawn == ""
    assert side_by_side(pd.DataFrame()).empty


def test_figures_of_different_things_counted_are_not_compared():
    """300 returnees and 600,000 Afghans facing repatriation are both deportation figures of no period, but they
    count different people: no discrepancy. Two counts of the same people (a generic "people" counts whatever
    its category counts) still conflict."""
    def counted(article, outlet, value, thing, text):
        return {**row(article, outlet, "deportations", value, text=text), "counted": thing}

    apart = compare_figures(pd.DataFrame([counted("a1", "Dawn", 300, "returnees", "300"),
                                          counted("a2", "Geo News", 600_000, "Afghans", "600,000")]))
    assert apart.empty
    same = compare_figures(pd.DataFrame([counted("a1", "Dawn", 300, "returnees", "300"),
                                         counted("a2", "Geo News", 3_000, "registered returnees", "3,000"),
                                         counted("a3", "Tribune", 5_000, "people", "5,000"),
                                         counted("a4", "Express", 9_000, None, "9,000")]))
    assert same[["counted", "n_sources", "conflict"]].values.tolist() == [["returnee", 2, True], ["", 2, True]]


@pytest.mark.parametrize("phrase, kind", [
    ("registered Afghan refugees", "refugee"), ("Afghans", "afghan"), ("returnees", "returnee"),
    ("people", ""), ("individuals", ""), (None, ""), ("", ""), ("casualties", "casualty"), ("Deportations",
                                                                                          "deportation")])
def test_counted_kind(phrase, kind):
    from lib.compare import counted_kind

    assert counted_kind(phrase) == kind
