"""Each benchmark script runs end to end on a tiny size (no timing assertions: the numbers are the scripts'
output, not the tests'). Plus the one structural promise behind bench/start.py: the dashboard's warm start on a
filled store never imports spaCy."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ingest_seeds

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

pytestmark = pytest.mark.timeout(900)


def bench(script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(BENCH / script), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "seeds.db"
    ingest_seeds(db)
    return db


def test_corpus_builds_distinct_articles(tmp_path):
    from lib.ingest.loader import load_folder

    out = bench("corpus.py", str(tmp_path / "c"), "--n", "12")
    assert "12 distinct articles" in out
    articles, skipped = load_folder(tmp_path / "c")
    assert len(articles) == 12 and not skipped
    assert len({a.article_id for a in articles}) == 12
    assert len({a.title for a in articles}) == 12 and all(a.outlet and a.published for a in articles)
    bench("corpus.py", str(tmp_path / "m"), "--n", "3", "--manifest")
    assert (tmp_path / "m" / "manifest.csv").is_file()
    articles, _ = load_folder(tmp_path / "m")
    assert {a.title_origin for a in articles} == {"manifest"}


def test_throughput_runs():
    out = bench("throughput.py", "--n", "3", "--repeat", "1", "--profile", "--cli", "--ceiling")
    assert "ratio full/bare" in out and "own time by module" in out
    assert "ratio default export/bare" in out and "ratio ceiling/bare" in out and "0.9x bare leaves them" in out


def test_jobs_runs():
    out = bench("jobs.py", "--sizes", "1,2", "--runs", "1")
    assert "speed-up" in out and "load average" in out


def test_incremental_runs():
    assert "ratio first/second" in bench("incremental.py", "--n", "3")


def test_scale_runs(tmp_path):
    out = bench("scale.py", "--n", "6", "--runs", "1", "--keep", str(tmp_path))
    assert "peak RSS" in out and "MB PSS" in out and "pages/overview.py" in out


def test_long_article_runs():
    out = bench("long_article.py", "--chars", "30000", "--marks", "2000", "--concurrent", "2")
    assert "quote marks" in out and "peak RSS" in out and "2 at once" in out


def test_start_runs(seeds_db):
    out = bench("start.py", "--runs", "1", "--db", str(seeds_db))
    assert "browser first render" in out and "script first run" in out and "server up" in out
    assert out.count("the same element kinds from constants") == 2


WARM = """
import os, sys
from pathlib import Path
from streamlit.testing.v1 import AppTest
root = Path(sys.argv[1])
at = AppTest.from_file(str(root / "dashboard.py"), default_timeout=300).run()
assert not at.exception, [e.value for e in at.exception]
for page in sorted(root.glob("pages/*.py")):
    at.switch_page(str(page.relative_to(root))).run()
    assert not at.exception, (page.name, [e.value for e in at.exception])
heavy = sorted(m for m in sys.modules if m == "spacy" or m.startswith(("spacy.", "thinc", "textblob")))
lib = sorted(m for m in sys.modules if m.startswith("lib."))
print("HEAVY", " ".join(heavy[:5]) or "-")
print("LIB", " ".join(lib))
"""


def test_dashboard_warm_start_never_imports_spacy(seeds_db):
    """Every page of the dashboard on a filled store, in a fresh process: spaCy (and TextBlob) stay unimported."""
    import os

    env = dict(os.environ, DASHBOARD_DB=str(seeds_db), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", WARM, str(ROOT)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if line.startswith(("HEAVY", "LIB")))
    assert lines["HEAVY"] == "-", f"warm start imported {lines['HEAVY']} (lib modules loaded: {lines['LIB']})"
    assert "lib.ingest.nlp" not in lines["LIB"].split() and "lib.ingest.pipeline" not in lines["LIB"].split()
