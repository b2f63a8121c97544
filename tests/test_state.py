"""lib/app/state.py: each page's own state as query parameters — what a link may hold, read back safely."""
from __future__ import annotations

import pytest

from lib.app.state import Filters, Param, chart_scope, link_params

IDS = ("13ad4ab134f1d29d76134e96b1132117f0e0114cabe23a" + "0" * 18,
       "01531ecc64aaffd72ec9713cb8b2e73efa0dbb14296e58" + "1" * 18)


@pytest.mark.parametrize("param, url, value", [
    (Param("q", ""), ["Turkiye"], "Turkiye"),
    (Param("q", ""), ["x" * 500], "x" * 200),
    (Param("f", False, "flag"), ["1"], True), (Param("f", False, "flag"), ["0"], False),
    (Param("f", False, "flag"), ["maybe"], None),
    (Param("tone", (-1.0, 1.0), "range", bounds=(-1.0, 1.0)), ["0.2,1"], (0.2, 1.0)),
    (Param("tone", (-1.0, 1.0), "range", bounds=(-1.0, 1.0)), ["-5,5"], (-1.0, 1.0)),
    (Param("tone", (-1.0, 1.0), "range", bounds=(-1.0, 1.0)), ["0.5,0.1"], None),
    (Param("tone", (-1.0, 1.0), "range", bounds=(-1.0, 1.0)), ["a,b"], None),
    (Param("top", 12, "number", bounds=(5, 30)), ["99"], 30), (Param("top", 12, "number", bounds=(5, 30)), ["x"], None),
    (Param("kind", "people", "choice", choices=("people", "places")), ["places"], "places"),
    (Param("kind", "people", "choice", choices=("people", "places")), ["<script>"], None),
    (Param("show", ["a", "b"], "choices", choices=("a", "b", "c")), ["c", "zz", "a"], ["c", "a"]),
    (Param("article", None, "article", choices=IDS), ["13ad4ab134f1"], IDS[0]),
    (Param("article", None, "article", choices=IDS), ["0"], None),  # too short to name one
    (Param("article", None, "article", choices=IDS), ["ffffffffffff"], None),
    (Param("q", ""), [], None),
])
def test_a_link_value_is_read_or_ignored(param, url, value):
    assert param.parse(url) == value


@pytest.mark.parametrize("param, value, url", [
    (Param("q", ""), "", []), (Param("q", ""), "Mujahid", ["Mujahid"]),
    (Param("f", False, "flag"), True, ["1"]), (Param("f", False, "flag"), False, []),
    (Param("tone", (-1.0, 1.0), "range", bounds=(-1.0, 1.0)), (0.2, 1.0), ["0.2,1"]),
    (Param("article", None, "article", choices=IDS), IDS[1], ["01531ecc64aa"]),
    (Param("show", ["a", "b"], "choices", choices=("a", "b")), ["a"], ["a"]),
])
def test_a_value_is_written_short_and_read_back(param, value, url):
    assert param.dump(value) == url
    if url:
        assert param.parse(url) == value


def test_a_link_to_another_page_keeps_the_filters():
    filters = Filters(outlets=("Dawn",), date_from="2025-11-01", stances=("hopeful",))
    assert link_params(filters, article=IDS[0]) == {"outlet": ["Dawn"], "stance": ["hopeful"], "from": ["2025-11-01"],
                                                    "article": [IDS[0][:12]]}
    assert chart_scope(Filters()) == "All articles (no filter set)"
    assert chart_scope(filters, "search “x”", "") == \
        "Filtered: outlet Dawn; published 2025-11-01 to …; stance hopeful; search “x”"
    assert chart_scope(Filters(), "speaker Asif") == "All articles; speaker Asif"


def test_the_copies_switch_is_in_a_link_only_when_off():
    from lib.app.state import copies_from_link

    assert Filters().params() == {} and Filters().count_copies_once
    assert Filters(count_copies_once=False).params() == {"copies": ["all"]}
    assert link_params(Filters(count_copies_once=False), article="ab" * 20)["copies"] == ["all"]
    assert copies_from_link(["all"]) is False
    assert copies_from_link([]) is True and copies_from_link(["1"]) is True
