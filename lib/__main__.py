"""Command line: `python -m lib ingest CORPUS_DIR` and `python -m lib export CORPUS_DIR --out OUT_DIR`.

Argument parsing and messages only; the work is done by lib.ingest.pipeline and lib.export. Skipped files are
reported on stderr (and in skipped.csv) and do not change the exit code: 0 when the run finished, 1 when the
store or model cannot be used, 2 for a wrong command line or a missing corpus folder.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _say(message: str) -> None:
    """One message on stderr as plain text: control characters in a file name, a URL or an error (a terminal
    escape, a newline that would forge a line of its own) are printed as escapes
    (`lib.ingest.corpus.printable_name`)."""
    from lib.ingest.corpus import printable_name

    print(printable_name(message), file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("ingest", "analyse a corpus folder into the store"),
                            ("export", "ingest what is missing, then write the CSVs for a corpus folder")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("corpus", nargs="?",
                       help="folder of .txt, .md and .html files (optional manifest.csv; optional with --url/--feed)")
        p.add_argument("--db", help="store path or SQLAlchemy URL (default: $DASHBOARD_DB or data/dashboard.db)")
        p.add_argument("--jobs", type=int, default=None,
                       help="processes that parse and analyse (default: the CPUs this process may use, one for a "
                            "small batch; see the README's Performance section)")
        p.add_argument("--quiet", action="store_true", help="no progress bar")
        p.add_argument("--topic", metavar="PROFILE",
                       help="topic profile (default: $DASHBOARD_TOPIC or topics/pakistan-afghanistan.toml)")
        if name == "export":
            p.add_argument("--out", required=True, help="folder for the CSV files")
        _add_web_arguments(p)
        _add_engine_arguments(p)
    return parser


# ------------------------------------------------------------------ analysis engine (lib/ingest/distributed.py)

def _add_engine_arguments(p: argparse.ArgumentParser) -> None:
    eng = p.add_argument_group("analysis engine")
    eng.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local: this process (--jobs spaCy processes); dask: Dask workers (default local)")
    eng.add_argument("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler address (tcp://host:8786); default with --engine dask: a local "
                          "cluster of --jobs worker processes on 127.0.0.1")


def _ingest_corpus(engine, corpus: Path, args, update):
    """The corpus folder through the chosen engine."""
    if getattr(args, "engine", "local") == "dask" or getattr(args, "scheduler", None):
        from lib.ingest import distributed

        from lib.ingest.pipeline import usable_cpus

        return distributed.ingest_folder(engine, corpus, progress=update, scheduler=args.scheduler,
                                         n_workers=max(1, args.jobs or usable_cpus()))
    from lib.ingest import pipeline

    return pipeline.ingest_folder(engine, corpus, progress=update,
                                  n_process=None if args.jobs is None else max(1, args.jobs))


def _add_web_arguments(p: argparse.ArgumentParser) -> None:
    """Articles by URL and by feed (lib/ingest/fetch.py, lib/ingest/feeds.py)."""
    web = p.add_argument_group("articles by URL and feed")
    web.add_argument("--url", action="append", default=[], metavar="URL", help="an article's URL (repeatable)")
    web.add_argument("--urls", metavar="FILE", help="a file of URLs, one a line (# starts a comment)")
    web.add_argument("--feed", action="append", default=[], metavar="FEED_URL",
                     help="an RSS or Atom feed (repeatable)")
    web.add_argument("--refresh", action="store_true", help="fetch URLs and feed entries already stored again")
    web.add_argument("--allow-private", action="store_true",
                     help="allow private, loopback and link-local addresses (or DASHBOARD_ALLOW_PRIVATE_URLS=1)")


def _web_sources(args) -> tuple[list[str], list[str], str]:
    """(urls, feeds, usage error or "") from --url, --urls and --feed."""
    urls = list(args.url)
    if args.urls:
        from lib.ingest.fetch import read_url_list

        try:
            urls += read_url_list(Path(args.urls).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            return [], [], f"error: cannot read the URL list {args.urls}: {getattr(exc, 'strerror', None) or exc}"
    return urls, list(args.feed), ""


def _with_web_sources(engine, args, report, urls: list[str], feeds: list[str]):
    """The folder's report (or None) merged with the articles of --url/--urls and --feed."""
    if not urls and not feeds:
        return report
    from lib.ingest.feeds import ingest_feeds
    from lib.ingest.fetch import ingest_urls, merge_reports

    reports = [report] if report is not None else []
    for ingest, sources in ((ingest_urls, urls), (ingest_feeds, feeds)):
        if sources:
            update, close = _phased_bar(args.quiet)
            try:
                reports.append(ingest(engine, sources, progress=update, refresh=args.refresh,
                                      allow_private=args.allow_private))
            finally:
                close()
    merged = merge_reports(reports)
    if any(s.reason.startswith("refused address") for s in merged.skipped):
        _say("note: addresses on private, loopback or link-local ranges are refused; --allow-private (or "
              "DASHBOARD_ALLOW_PRIVATE_URLS=1) allows them")
    return merged


def _phased_bar(quiet: bool):
    """tqdm bars on stderr for a web ingest: "fetching" (URLs), then "analysing" (articles)."""
    if quiet:
        return None, lambda: None
    from tqdm import tqdm

    state = {"bar": None, "phase": -1}

    def close() -> None:
        if state["bar"] is not None:
            state["bar"].close()
            state["bar"] = None

    def update(done: int, total: int) -> None:
        bar = state["bar"]
        if bar is None or (done == 0 and bar.n != 0) or total != bar.total:
            close()
            state["phase"] += 1
            first = state["phase"] == 0
            bar = state["bar"] = tqdm(total=total, unit="URL" if first else "article",
                                      desc="fetching" if first else "analysing", file=sys.stderr, leave=True)
        bar.n = done
        bar.refresh()

    return update, close


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
    urls, feeds, problem = _web_sources(args)
    if problem or not (args.corpus or urls or feeds):
        _say(problem or "error: give a corpus folder, --url, --urls or --feed")
        return EXIT_USAGE
    corpus = Path(args.corpus) if args.corpus else None
    if corpus is not None and not corpus.is_dir():
        _say(f"error: corpus folder not found: {corpus}")
        return EXIT_USAGE
    if args.topic:
        from lib.topic import TOPIC_ENV, TopicError, load_topic

        try:
            load_topic(args.topic)
        except TopicError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        os.environ[TOPIC_ENV] = str(Path(args.topic).resolve())  # the loader, the analysis and the export read it
    from lib import store
    from lib.ingest.nlp import ModelMissing  # spaCy-free: spaCy is imported only when a model is loaded

    if args.command == "ingest" and store.is_readonly():
        _say(f"error: read-only meeting mode ({store.READONLY_ENV}=1): ingest would change the store. "
              f"Unset {store.READONLY_ENV} to ingest.")
        return EXIT_FAILED
    try:
        engine = store.open_store(args.db)
    except store.StoreError as exc:
        _say(f"error: {exc}")
        return EXIT_FAILED
    update, close = _progress_bar(args.quiet)
    try:
        report = _ingest_corpus(engine, corpus, args, update) if corpus is not None else None
        report = _with_web_sources(engine, args, report, urls, feeds)
    except ModelMissing as exc:
        _say(f"error: {exc}")
        return EXIT_FAILED
    except store.StoreError as exc:
        _say(f"error: {exc}")
        return EXIT_FAILED
    finally:
        close()
    for item in report.skipped:
        _say(f"skipped {item.file}: {item.reason}")
    for article in report.articles:
        for warning in article.warnings:
            _say(f"warning {article.file}: {warning}")
    _say(f"{len(report.articles)} articles: {report.analysed} analysed, {report.reused} already stored, "
          f"{len(report.skipped)} skipped ({report.seconds:.1f} s)")
    if args.command == "export":
        from lib import export  # pandas: only the export needs it

        names = {a.article_id: a.file for a in report.articles}
        frames = export.export_frames(engine, [a.article_id for a in report.articles], names, report.skipped)
        try:
            paths = export.write_export(frames, args.out)
        except OSError as exc:
            _say(f"error: cannot write to {args.out}: {exc.strerror or exc}")
            return EXIT_FAILED
        _say(f"wrote {len(paths)} files to {os.path.abspath(args.out)}")
    return EXIT_OK


def main() -> None:
    try:
        code = run()
    except KeyboardInterrupt:
        _say("interrupted: articles written so far are stored whole; run again to finish")
        code = 130
    except Exception as exc:  # the last guard: a message, never a traceback (DASHBOARD_DEBUG=1 shows it)
        if os.environ.get("DASHBOARD_DEBUG"):
            raise
        _say(f"error: {type(exc).__name__}: {exc}")
        code = EXIT_FAILED
    sys.exit(code)


if __name__ == "__main__":
    main()
