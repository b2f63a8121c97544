"""Modules imported without their package's heavy __init__ (lib/lazy_import.py): the analysis and the
near-duplicate index never import NLTK or SciPy, and a package imported whole afterwards is complete and holds
the very objects the analysis used."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Each script runs in a fresh interpreter: this test process may have imported the packages whole already.
SENTIMENT = r"""
import json, sys
from lib.extract.sentiment import score_text
text = "Officials said the talks were a great success, not a bad failure, though very fragile."
first = score_text(text)
heavy = sorted(m for m in ("nltk", "scipy", "textblob.blob") if m in sys.modules)
from textblob import TextBlob
import textblob.en
from lib.extract import sentiment
blob = TextBlob(text).sentiment
print(json.dumps({"heavy": heavy, "same": textblob.en.sentiment is sentiment._ANALYSER,
                  "whole": "nltk" in sys.modules and hasattr(textblob, "Word"),
                  "ours": first[:2], "theirs": [blob.polarity, blob.subjectivity]}))
"""

MINHASH = r"""
import json, sys
from lib import voices
a, b = voices.shingles("one two three four five six seven"), voices.shingles("one two three four five six eight")
sig_a, sig_b = voices.signatures([a, b])
estimate = voices.estimated_containment(sig_a, len(a), sig_b, len(b))
keys = voices.band_keys(sig_a)
heavy = sorted(m for m in ("scipy", "datasketch.lsh") if m in sys.modules)
import datasketch
from datasketch import MinHash, MinHashLSH
import datasketch.minhash
again = MinHash.bulk([[s.encode() for s in sorted(a)]], num_perm=voices.NUM_PERM, seed=voices.SEED,
                     scheme=voices.MINHASH_SCHEME)[0].hashvalues.astype("<u4")
print(json.dumps({"heavy": heavy, "same": MinHash is datasketch.minhash.MinHash,
                  "whole": "scipy" in sys.modules and hasattr(datasketch, "HyperLogLog"),
                  "ours": sig_a.tolist(), "theirs": again.tolist(), "estimate": estimate, "keys": len(keys)}))
"""


def run_fresh(script: str) -> dict:
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("script", [SENTIMENT, MINHASH], ids=["textblob", "datasketch"])
def test_the_heavy_init_is_deferred_and_the_package_stays_whole(script):
    result = run_fresh(script)
    assert result["heavy"] == []  # nothing of NLTK / SciPy imported by the analysis or the index
    assert result["whole"] and result["same"]  # imported afterwards: the whole package, the same objects
    assert result["ours"] == result["theirs"]  # and the same numbers


def test_a_missing_package_is_an_import_error():
    from lib.lazy_import import submodule

    with pytest.raises(ModuleNotFoundError):
        submodule("no_such_package_here", "anything")
