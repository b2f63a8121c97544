"""Write the expected exports of the project's own corpora (seeds, tests/heldout*) that tests/test_export_stable.py
compares against, byte for byte. Run it only when a change of the output is intended (a new analysis version, a
fixed extractor), and commit the difference with the change that made it:

    python tests/expected/update.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CORPORA = {"seeds": ROOT / "seeds", "heldout": ROOT / "tests/heldout/corpus",
           "heldout2": ROOT / "tests/heldout2/corpus", "heldout3": ROOT / "tests/heldout3/corpus"}


def export(corpus: Path, out: Path) -> None:
    """The CLI export of `corpus` into `out`, on a fresh store of its own."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "lib", "export", str(corpus), "--out", str(out),
                        "--db", str(Path(tmp) / "store.db")], cwd=ROOT, check=True, capture_output=True)


if __name__ == "__main__":
    for name, corpus in CORPORA.items():
        target = HERE / name
        shutil.rmtree(target, ignore_errors=True)
        export(corpus, target)
        print(f"{name}: {sorted(p.name for p in target.iterdir())}")
