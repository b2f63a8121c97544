"""Command line: `python -m lib ingest CORPUS_DIR` and `python -m lib export CORPUS_DIR --out OUT_DIR`.

Argument parsing and messages only; the work is done by lib.pipeline and lib.export. Skipped files are
reported on stderr (and in skipped.csv) and do not change the exit code: 0 when the run finished, 1 when the
store or model cannot be used, 2 for a wrong command line or a missing corpus folder.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("ingest", "analyse a corpus folder into the store"),
                            ("export", "ingest what is missing, then write the CSVs for a corpus folder")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("corpus", help="folder of .txt, .md and .html files (optional manifest.csv)")
        p.add_argument("--db", help="store path or SQLAlchemy URL (default: $DASHBOARD_DB or data/dashboard.db)")
        p.add_argument("--jobs", type=int, default=1, help="spaCy processes for parsing (default 1)")
        p.add_argument("--quiet", action="store_true", help="no progress bar")
        if name == "export":
            p.add_argument("--out", required=True, help="folder for the CSV files")
    return parser


def _progress_bar(quiet: bool):
    """A tqdm progress callback (articles per second) on stderr."""
    if quiet:
        return None, lambda: None
    from tqdm import tqdm

    bar = {"tqdm": None}

    def update(done: int, total: int) -> None:
        if bar["tqdm"] is None:
            bar["tqdm"] = tqdm(total=total, unit="article", desc="analysing", file=sys.stderr, leave=True)
        bar["tqdm"].n = done
        bar["tqdm"].refresh()

    def close() -> None:
        if bar["tqdm"] is not None:
            bar["tqdm"].close()

    return update, close


def run(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"error: corpus folder not found: {corpus}", file=sys.stderr)
        return EXIT_USAGE
    from lib import export, pipeline, store
    from lib.nlp import ModelMissing

    try:
        engine = store.open_store(args.db)
    except store.StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    update, close = _progress_bar(args.quiet)
    try:
        report = pipeline.ingest_folder(engine, corpus, progress=update, n_process=max(1, args.jobs))
    except ModelMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except store.StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        close()
    for item in report.skipped:
        print(f"skipped {item.file}: {item.reason}", file=sys.stderr)
    print(f"{len(report.articles)} articles: {report.analysed} analysed, {report.reused} already stored, "
          f"{len(report.skipped)} skipped ({report.seconds:.1f} s)", file=sys.stderr)
    if args.command == "export":
        names = {a.article_id: a.file for a in report.articles}
        frames = export.export_frames(engine, [a.article_id for a in report.articles], names, report.skipped)
        try:
            paths = export.write_export(frames, args.out)
        except OSError as exc:
            print(f"error: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_FAILED
        print(f"wrote {len(paths)} files to {os.path.abspath(args.out)}", file=sys.stderr)
    return EXIT_OK


def main() -> None:
    try:
        code = run()
    except KeyboardInterrupt:
        print("interrupted: articles written so far are stored whole; run again to finish", file=sys.stderr)
        code = 130
    except Exception as exc:  # the last guard: a message, never a traceback (DASHBOARD_DEBUG=1 shows it)
        if os.environ.get("DASHBOARD_DEBUG"):
            raise
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        code = EXIT_FAILED
    sys.exit(code)


if __name__ == "__main__":
    main()
