"""Quality gates: the seed scorer (../shared/eval/score.py) on the seeds and tests/heldout, heldout2, heldout3,
through the CLI export. The seeds must stay perfect; the held-out set (ten articles annotated before the rules were
tuned on them) must stay at the level reached, so a rule change that breaks generalisation fails here."""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

SEED_GATES = {"quote_recall": 1.0, "speaker_accuracy": 1.0, "quote_precision": 1.0, "figure_recall": 1.0,
              "figure_category_accuracy": 1.0, "figure_precision": 1.0, "stance_accuracy": 1.0,
              "stance_tiers_hold": 1.0, "stance_tier_margin": 0.2, "outlet_accuracy": 1.0, "date_accuracy": 1.0}
HELDOUT_GATES = {"quote_recall": 0.95, "speaker_accuracy": 0.95, "quote_precision": 0.95, "figure_recall": 0.95,
                 "figure_category_accuracy": 0.95, "figure_precision": 0.95, "stance_accuracy": 0.9,
                 "stance_tiers_hold": 1.0, "outlet_accuracy": 0.9, "date_accuracy": 0.9}
# The second set's borderline stance k01 is left as it is (tests/heldout2/README.md).
HELDOUT2_GATES = {**HELDOUT_GATES, "stance_accuracy": 0.9}
# The third set's stance stays at the level reached: two of ten wrong (g02, g04); its tiers hold by a margin of
# 0.004 only, too thin to gate on (tests/heldout3/README.md); everything else at the held-out level.
HELDOUT3_GATES = {**HELDOUT_GATES, "stance_accuracy": 0.8, "stance_tiers_hold": 0.0}


def _scorer():
    if not SCORER.is_file():
        pytest.skip(f"the seed scorer is not beside the project ({SCORER})")
    spec = importlib.util.spec_from_file_location("seed_scorer", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("corpus, gold, gates", [
    ("seeds", SCORER.parent / "seeds-gold.json", SEED_GATES),
    ("tests/heldout/corpus", ROOT / "tests" / "heldout" / "gold.json", HELDOUT_GATES),
    ("tests/heldout2/corpus", ROOT / "tests" / "heldout2" / "gold.json", HELDOUT2_GATES),
    ("tests/heldout3/corpus", ROOT / "tests" / "heldout3" / "gold.json", HELDOUT3_GATES),
], ids=["seeds", "heldout", "heldout2", "heldout3"])
def test_scorer_gates(tmp_path, corpus, gold, gates):
    scorer = _scorer()
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "lib", "export", str(ROOT / corpus), "--out", str(out),
                             "--db", str(tmp_path / "store.db"), "--quiet"], cwd=ROOT, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    metrics = scorer.score(str(out), json.loads(Path(gold).read_text(encoding="utf-8")))
    failed = {k: metrics.get(k) for k, v in gates.items() if metrics.get(k) is None or metrics[k] < v}
    assert not failed, f"below the gate: {failed}; misses: {metrics['misses']}"


# ------------------------------------------------------------------------------------------------ real pages

PAGES = ROOT.parent / "shared" / "corpora" / "negotiations" / "pages"
REAL = ROOT / "tests" / "real"
# Real news pages of other negotiations (tests/real/README.md): each development set stays at the level reached
# once its misses were fixed by general rules. The pages are read from ../shared, never committed.
REAL_GATES = {
    "a": {"quote_recall": 0.97, "speaker_accuracy": 0.93, "quote_precision": 0.97, "figure_recall": 0.93,
          "figure_category_accuracy": 0.95, "figure_precision": 0.97, "stance_accuracy": 0.65, "outlet_accuracy": 0.95,
          "date_accuracy": 0.93},
    "b": {"quote_recall": 0.98, "speaker_accuracy": 0.94, "quote_precision": 0.98, "figure_recall": 0.79,
          "figure_category_accuracy": 0.9, "figure_precision": 0.9, "stance_accuracy": 0.65, "outlet_accuracy": 1.0,
          "date_accuracy": 0.94},
    "c": {"quote_recall": 0.97, "speaker_accuracy": 0.95, "quote_precision": 0.97, "figure_recall": 0.98,
          "figure_category_accuracy": 0.92, "figure_precision": 0.96, "stance_accuracy": 0.63, "outlet_accuracy": 1.0,
          "date_accuracy": 1.0},
    # The Russia-Ukraine pages under their own topic profile (topics/russia-ukraine.toml).
    "ru": {"quote_recall": 0.98, "speaker_accuracy": 0.92, "quote_precision": 0.98, "figure_recall": 0.91,
           "figure_category_accuracy": 0.8, "figure_precision": 0.8, "stance_accuracy": 0.65, "outlet_accuracy": 1.0,
           "date_accuracy": 0.95},
    # The held-out set, at its first run (the honest estimate, tests/real/README.md): never tuned on, kept as a gate.
    "fresh": {"quote_recall": 1.0, "speaker_accuracy": 0.9, "quote_precision": 0.95, "figure_recall": 0.92,
              "figure_category_accuracy": 1.0, "figure_precision": 0.86, "stance_accuracy": 0.4,
              "outlet_accuracy": 0.9, "date_accuracy": 0.88},
}
# The topic profile each set is analysed under (the default profile when not named).
REAL_TOPICS = {"ru": ROOT / "topics" / "russia-ukraine.toml"}


def _real_corpus(tmp_path: Path, set_name: str) -> Path:
    """A corpus folder holding copies of the set's pages (copies: a link out of the corpus is never read)."""
    if not PAGES.is_dir():
        pytest.skip(f"the real pages are not beside the project ({PAGES})")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in json.loads((REAL / set_name / "gold.json").read_text(encoding="utf-8"))["articles"]:
        shutil.copy(PAGES / name, corpus / name)
    return corpus


@pytest.mark.parametrize("set_name", sorted(REAL_GATES))
def test_real_page_gates(tmp_path, set_name):
    scorer = _scorer()
    corpus = _real_corpus(tmp_path, set_name)
    out = tmp_path / "out"
    topic = ["--topic", str(REAL_TOPICS[set_name])] if set_name in REAL_TOPICS else []
    result = subprocess.run([sys.executable, "-m", "lib", "export", str(corpus), "--out", str(out),
                             "--db", str(tmp_path / "store.db"), "--quiet", *topic], cwd=ROOT, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    metrics = scorer.score(str(out), json.loads((REAL / set_name / "gold.json").read_text(encoding="utf-8")))
    failed = {k: metrics.get(k) for k, v in REAL_GATES[set_name].items() if metrics.get(k) is None or metrics[k] < v}
    assert not failed, f"below the gate: {failed}; misses: {metrics['misses']}"
