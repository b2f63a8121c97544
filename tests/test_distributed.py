"""The Dask engine (lib/ingest/distributed.py) gives the same stored analyses as the local engine.

A LocalCluster of one worker process on 127.0.0.1 (no dashboard) analyses three seed articles; the exported
frames of its store equal those of a store filled by lib.ingest.pipeline."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def three_seeds(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("three")
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=40)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def _frames(db: Path) -> dict[str, pd.DataFrame]:
    from lib import export, store

    frames = export.export_frames(store.open_store(str(db)))
    out = {}
    for name, frame in frames.items():
        frame = frame.drop(columns=[c for c in ("added_at",) if c in frame])
        keys = [c for c in ("article_id", "idx", "sentence_index", "file") if c in frame]
        out[name] = frame.sort_values(keys).reset_index(drop=True) if keys and len(frame) else frame
    return out


def test_dask_engine_matches_local_engine(tmp_path, three_seeds, client):
    from lib import store
    from lib.ingest import distributed, pipeline

    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    local = pipeline.ingest_folder(store.open_store(str(local_db)), three_seeds)
    seen = []
    remote = distributed.ingest_articles(store.open_store(str(dask_db)), local.articles, client=client,
                                         partition=2, progress=lambda d, t: seen.append((d, t)))
    assert local.analysed == remote.analysed == 3
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    a, b = _frames(local_db), _frames(dask_db)
    assert set(a) == set(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=False, obj=name)
    assert len(a["sentences"]) > 0 and len(a["articles"]) == 3


def test_dask_engine_reuses_stored_analyses(tmp_path, three_seeds, client):
    from lib import store
    from lib.ingest import distributed

    engine = store.open_store(str(tmp_path / "again.db"))
    first = distributed.ingest_folder(engine, three_seeds, scheduler=client.scheduler.address)
    second = distributed.ingest_folder(engine, three_seeds, scheduler=client.scheduler.address)
    assert (first.analysed, first.reused) == (3, 0)
    assert (second.analysed, second.reused) == (0, 3)


def test_cli_engine_dask_with_scheduler(tmp_path, three_seeds, client):
    from lib.__main__ import run

    db, out = tmp_path / "cli.db", tmp_path / "out"
    code = run(["export", str(three_seeds), "--db", str(db), "--out", str(out), "--quiet",
                "--engine", "dask", "--scheduler", client.scheduler.address])
    assert code == 0
    assert len(pd.read_csv(out / "articles.csv")) == 3
