"""The command-line interface: thin commands over the library.

Data goes to stdout, progress and messages to stderr. Exit codes: 0 success (also when some
articles were rejected), 1 a user error (one line, no traceback), 2 a usage error.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import click

from eventwire.dedup import Duplicate, DuplicateIndex
from eventwire.errors import EventwireError
from eventwire.ingest import read_inputs
from eventwire.model import Extraction, Rejection, to_dict
from eventwire.settings import Settings, load_settings

FORMATS = ("jsonl", "json", "csv", "table")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Columns of the human-readable table, per kind of record.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "event": ("date", "event_type", "status", "source", "trigger", "target", "location"),
    "merged_event": ("date", "event_type", "status", "source", "target", "location", "mentions", "articles"),
    "quote": ("kind", "speaker", "cue", "content"),
    "place": ("text", "name", "country", "admin1", "feature", "lat", "lon"),
    "timex": ("text", "type", "value"),
    "rejection": ("source", "stage", "reason"),
    "duplicate": ("original_id", "original_title", "duplicates", "min_similarity"),
}


class Context:
    """What every command shares: settings and the verbosity."""

    def __init__(self, settings: Settings):
        self.settings = settings


def _fail(func: Callable) -> Callable:
    """Turn eventwire's errors into one-line messages with exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EventwireError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # e.g. piped into `head`
            sys.stderr.close()

    return wrapper


def format_option(func: Callable) -> Callable:
    """Add the shared ``--format`` option."""
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
        help="Output format.",
    )(func)  # fmt: skip


def db_option(func: Callable) -> Callable:
    """Add the shared ``--db`` option."""
    return click.option(
        "--db", type=click.Path(dir_okay=False), default="eventwire.duckdb", show_default=True,
        envvar="EVENTWIRE_DB", help="The DuckDB event store.",
    )(func)  # fmt: skip


def input_options(func: Callable) -> Callable:
    """Add the options shared by commands that read articles."""
    func = click.argument("paths", nargs=-1, required=True)(func)
    func = click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
                        help="Publication date (YYYY-MM-DD) of inputs that carry none.")(func)  # fmt: skip
    func = click.option("--url", help="URL of a single input that carries none.")(func)
    func = click.option(
        "--workers", type=click.IntRange(1), metavar="N",
        help="Processes that parse and extract (default: one per CPU core). The first 50 articles "
             "are extracted in this process, as starting a worker costs a model load.",
    )(func)  # fmt: skip
    return func


def _with_workers(settings: Settings, workers: int | None) -> Settings:
    return dataclasses.replace(settings, workers=workers) if workers else settings


@click.group(context_settings=CONTEXT)
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="A TOML settings file.")
@click.option("--user-actors", type=click.Path(exists=True, dir_okay=False),
              help="A TSV of extra actors (see src/eventwire/lexicons/README.md).")  # fmt: skip
@click.option("--user-triggers", type=click.Path(exists=True, dir_okay=False),
              help="A TSV of extra or recoded event triggers, in the columns of lexicons/events.tsv.")  # fmt: skip
@click.option("--parse-batch-size", type=click.IntRange(1, 10_000), help="Articles per parsing batch.")
@click.option("--write-batch-size", type=click.IntRange(1, 10_000),
              help="Articles per store transaction (and per cleaning and duplicate-check batch).")  # fmt: skip
@click.option("--batch-size", type=click.IntRange(1, 10_000), help="Deprecated: sets both batch sizes.")
@click.option("--max-article-bytes", type=click.IntRange(1), help="Reject larger inputs.")
@click.option("-v", "--verbose", count=True, help="Log more to stderr (-vv for debug).")
@click.version_option(package_name="eventwire")
@click.pass_context
@_fail
def main(ctx: click.Context, config: str | None, user_actors: str | None, user_triggers: str | None,
         parse_batch_size: int | None, write_batch_size: int | None, batch_size: int | None,
         max_article_bytes: int | None, verbose: int) -> None:  # fmt: skip
    """Turn news articles into verifiable political event data.

    Example: eventwire extract examples/ --format table
    """
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    overrides = {"user_actors": user_actors, "user_triggers": user_triggers, "parse_batch_size": parse_batch_size,
                 "write_batch_size": write_batch_size, "batch_size": batch_size,
                 "max_article_bytes": max_article_bytes}  # fmt: skip
    ctx.obj = Context(load_settings(config=config, overrides=overrides))


# -- output ---------------------------------------------------------------------------------------


def _flat(value: Any) -> Any:
    """Render a nested value in one cell: actors by name, spans and places by text or name."""
    if isinstance(value, list):
        return "; ".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        for key in ("name", "text"):
            if key in value and value[key] is not None:
                return value[key]
        return json.dumps(value, ensure_ascii=False)
    return value


def write_records(records: Iterable[dict[str, Any]], *, fmt: str, kind: str, out=None) -> int:
    """Write records to stdout in ``fmt``; return how many were written."""
    out = out or sys.stdout
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "json":
        items = list(records)
        json.dump(items, out, ensure_ascii=False, indent=2)
        out.write("\n")
        count = len(items)
    elif fmt == "csv":
        writer = None
        for record in records:
            row = {k: _flat(v) for k, v in record.items()}
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(row)
            count += 1
    else:
        from rich.console import Console
        from rich.table import Table

        columns = TABLE_COLUMNS[kind]
        table = Table(show_lines=False, header_style="bold")
        for column in columns:
            table.add_column(column, overflow="fold")
        for record in records:
            table.add_row(*(str(_flat(record.get(c)) if record.get(c) is not None else "") for c in columns))
            count += 1
        Console(file=out, width=160 if not out.isatty() else None).print(table)
    return count


def _progress(total_hint: str) -> Any:
    """A progress display on stderr when it is a terminal, else a no-op."""
    if not sys.stderr.isatty():
        return None
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
                        TimeElapsedColumn(), transient=True)  # fmt: skip
    progress.add_task(total_hint, total=None)
    return progress


def _report_rejection(rejection: Rejection) -> None:
    where = rejection.source or rejection.article_id or "input"
    click.echo(f"rejected {where}: {rejection.reason}", err=True)


# -- extraction without a database ----------------------------------------------------------------


def _extractions(paths: tuple[str, ...], *, settings: Settings, published: dt.datetime | None,
                 url: str | None) -> Iterator[Extraction]:  # fmt: skip
    from eventwire.pipeline import Resources, Summary, process

    started = dt.datetime.now()
    summary = Summary()
    progress = _progress("extracting")
    raws = read_inputs(paths, published=published.date() if published else None, url=url,
                       max_bytes=settings.max_article_bytes)  # fmt: skip
    resources = Resources.load(settings)
    index = DuplicateIndex(threshold=settings.near_duplicate_article)
    if progress:
        progress.start()
    try:
        for item in process(raws, settings=settings, resources=resources, duplicates=index):
            summary.add(item)
            if progress:
                progress.update(progress.task_ids[0], advance=1)
            if isinstance(item, Rejection):
                _report_rejection(item)
            elif isinstance(item, Duplicate):
                click.echo(f"skipped {item.article.source or item.article.id}: a copy of {item.original_id} "
                           f"(similarity {item.similarity:.2f})", err=True)  # fmt: skip
            elif isinstance(item, Extraction):
                yield item
    finally:
        if progress:
            progress.stop()
    summary.seconds = (dt.datetime.now() - started).total_seconds()
    click.echo(summary.line() + (" — rejected inputs are listed above" if summary.rejections else ""), err=True)


def _extract_command(name: str, kind: str, pick: Callable[[Extraction], Iterable[Any]], doc: str) -> None:
    @main.command(name, help=doc, context_settings=CONTEXT)
    @input_options
    @format_option
    @click.pass_obj
    @_fail
    def command(obj: Context, paths: tuple[str, ...], published, url, workers: int | None, fmt: str) -> None:
        settings = _with_workers(obj.settings, workers)
        records = (to_dict(r) for x in _extractions(paths, settings=settings, published=published, url=url)
                   for r in pick(x))  # fmt: skip
        write_records(records, fmt=fmt, kind=kind)


_extract_command("extract", "event", lambda x: x.events, """Print the events found in articles (no database).

PATHS are .txt, .html, .jsonl files, directories, or - for stdin.

Example: eventwire extract story.txt --published 2020-10-23 --format table""")
_extract_command("quotes", "quote", lambda x: x.quotes, """Print the quotes and their speakers.

Example: eventwire quotes examples/ --format table""")
_extract_command("places", "place", lambda x: x.places, """Print each toponym with its gazetteer resolution.

Example: eventwire places story.txt --format table""")
_extract_command("timex", "timex", lambda x: x.timexes, """Print time expressions with TIMEX3 values.

Example: eventwire timex story.txt --published 2020-10-23 --format table""")


# -- the store ------------------------------------------------------------------------------------


@main.command(context_settings=CONTEXT)
@input_options
@db_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's cores; dask: a Dask cluster (pip install 'eventwire[dask]').")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: a running scheduler, e.g. tcp://host:8786 (default: a local cluster).")
@click.option("--shard-dir", type=click.Path(file_okay=False),
              help="With --engine dask: where workers write Parquet shards; the same path on every "
                   "host (default: DB.shards/ beside the database).")
@click.option("--partition-size", type=click.IntRange(1), default=100, show_default=True,
              help="With --engine dask: raw articles per task.")  # fmt: skip
@click.pass_obj
@_fail
def ingest(obj: Context, paths: tuple[str, ...], published, url, workers: int | None, db: str, engine: str,
           scheduler: str | None, shard_dir: str | None, partition_size: int) -> None:  # fmt: skip
    """Extract articles and store them, their events, quotes and places in the database.

    Ingesting the same input again adds nothing. With --engine dask, partitions of the input are
    extracted on Dask workers into Parquet shards, which are then merged into the database once;
    the database ends up as a local run would leave it.

    Example: eventwire ingest examples/ --db eventwire.duckdb

    Example: eventwire ingest news/ --engine dask --scheduler tcp://10.0.0.5:8786 --shard-dir /shared/shards
    """
    if engine == "local" and (scheduler or shard_dir):
        raise click.UsageError("--scheduler and --shard-dir need --engine dask")
    from eventwire.pipeline import ingest as run_ingest
    from eventwire.store import WRITER_LOCK_WAIT, Store

    settings = _with_workers(obj.settings, workers)
    raws = read_inputs(paths, published=published.date() if published else None, url=url,
                       max_bytes=settings.max_article_bytes)  # fmt: skip
    progress = _progress(f"ingesting into {db}")

    def tick(item: Any) -> None:
        if isinstance(item, Rejection):
            _report_rejection(item)
        if progress:
            progress.update(progress.task_ids[0], advance=1)

    recoding: list[str] = []

    def on_recode(article: Any) -> None:
        if not recoding:  # once: each article is logged with -v
            click.echo(f"recoding the articles of this input that {db} holds as coded by another version of the "
                       f"coder: their records are replaced (`eventwire recode --db {db}` recodes the others)",
                       err=True)  # fmt: skip
        recoding.append(article.id)

    with Store(db, lock_wait=WRITER_LOCK_WAIT) as store:  # e.g. while `serve` lets go of the file
        if progress:
            progress.start()
        try:
            if engine == "dask":
                from eventwire.distributed import ingest as run_on_dask

                summary = run_on_dask(raws, store=store, settings=settings, on_item=tick, scheduler=scheduler,
                                      shard_dir=shard_dir or f"{db}.shards", partition_size=partition_size,
                                      command="ingest --engine dask " + " ".join(paths))  # fmt: skip
            else:
                summary = run_ingest(raws, store=store, settings=settings, on_item=tick, on_recode=on_recode,
                                     command="ingest " + " ".join(paths))  # fmt: skip
        finally:
            if progress:
                progress.stop()
    tail = " — see `eventwire rejections`" if summary.rejections else ""
    click.echo(summary.line() + tail, err=True)


@main.command(context_settings=CONTEXT)
@db_option
@click.option("--all", "everything", is_flag=True, help="Recode every article, not only those another coder coded.")
@click.option(
    "--workers", type=click.IntRange(1), metavar="N",
    help="Processes that parse and extract (default: one per CPU core).",
)  # fmt: skip
@click.pass_obj
@_fail
def recode(obj: Context, db: str, everything: bool, workers: int | None) -> None:
    """Code the stored articles again with this version of the coder, from their stored texts.

    Each record says which version of its extractor made it, and each article which version of
    the coder (every extractor, the lexicons and the user's files) coded it. After an upgrade, or
    with another --user-actors file, the articles coded by another version are parsed and
    extracted again from the cleaned texts the store keeps (the sources are not read), and their
    records replaced, one transaction per batch; merged events are updated. Copies stay links to
    their originals. A recode that is stopped leaves each article coded by the old version or the
    new one: run it again to finish.

    Example: eventwire recode --db eventwire.duckdb

    Example: eventwire --user-actors my_actors.tsv recode --db news.duckdb --all --workers 2
    """
    from eventwire.pipeline import recode as run_recode
    from eventwire.store import WRITER_LOCK_WAIT, Store

    if not Path(db).exists():
        raise EventwireError(f"no database at {db}; create one with `eventwire ingest PATH --db {db}`")
    settings = _with_workers(obj.settings, workers)
    progress: Any = None

    def start(total: int) -> None:
        nonlocal progress
        if total and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            progress = Progress(TextColumn(f"recoding {db}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                transient=True)  # fmt: skip
            progress.add_task("recode", total=total)
            progress.start()

    def tick(item: Any) -> None:
        if isinstance(item, Rejection):
            _report_rejection(item)
        if progress:
            progress.update(progress.task_ids[0], advance=1)

    with Store(db, lock_wait=WRITER_LOCK_WAIT) as store:  # e.g. while `serve` lets go of the file
        try:
            summary = run_recode(store, settings=settings, everything=everything, on_start=start, on_item=tick)
        finally:
            if progress:
                progress.stop()
    if summary.articles == 0 and not summary.rejections:
        tail = (" — the store holds no original articles" if everything
                else " — every article is coded by this version; --all recodes them anyway")  # fmt: skip
    elif summary.rejections:
        tail = " — the rejected articles keep their old records; see `eventwire rejections`"
    else:
        tail = ""
    click.echo(summary.recode_line() + tail, err=True)


_UNITS = {"s": 1, "m": 60, "h": 3600}


class Interval(click.ParamType):
    """A duration such as ``30s``, ``15m`` or ``1h`` (a bare number is seconds), in seconds."""

    name = "DURATION"

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        text = str(value).strip().lower()
        number, unit = (text[:-1], text[-1]) if text[-1:] in _UNITS else (text, "s")
        try:
            seconds = float(number) * _UNITS[unit]
        except ValueError:
            self.fail(f"{value!r} is not a duration like 30s, 15m or 1h", param, ctx)
        if seconds <= 0:
            self.fail("must be more than zero", param, ctx)
        return seconds


@main.command(context_settings=CONTEXT)
@click.argument("feeds_file", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--every", type=Interval(), default="15m", show_default=True,
              help="Time between two polls: 30s, 15m, 1h.")  # fmt: skip
@click.option("--once", is_flag=True, help="Poll once and exit (for cron and tests).")
@click.option("--fetch-delay", type=click.FloatRange(0), help="Seconds between requests to one host.")
@click.pass_obj
@_fail
def watch(obj: Context, feeds_file: str, db: str, every: float, once: bool, fetch_delay: float | None) -> None:
    """Poll RSS/Atom feeds and ingest the new articles they link to.

    FEEDS_FILE lists one feed URL per line; blank lines and lines starting with # are ignored.
    Pages already fetched, and texts already stored, are never processed again. Ctrl-C stops after
    the current batch, keeping everything fetched.

    Example: eventwire watch feeds.txt --db news.duckdb --every 15m
    """
    import dataclasses
    import signal
    import threading

    from eventwire.watch import PollSummary, read_feed_list
    from eventwire.watch import watch as run_watch

    feeds = read_feed_list(feeds_file)
    settings = obj.settings if fetch_delay is None else dataclasses.replace(obj.settings, fetch_delay=fetch_delay)
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        click.echo(f"{signal.Signals(signum).name}: stopping after the current batch", err=True)
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a second Ctrl-C aborts at once

    def on_round(summary: PollSummary) -> None:
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        click.echo(f"{stamp} {summary.line()}", err=True)

    def on_item(item: Any) -> None:
        if isinstance(item, Rejection):
            _report_rejection(item)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        total = run_watch(feeds, db=db, settings=settings, every=every, once=once, stop=stop,
                          on_round=None if once else on_round, on_item=on_item)  # fmt: skip
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    tail = " — see `eventwire rejections`" if total.rejections else ""
    click.echo(("stopped: " if total.stopped else "") + total.line() + tail, err=True)


def _open_read(db: str):
    from eventwire.store import Store

    if not Path(db).exists():
        raise EventwireError(f"no database at {db}; create one with `eventwire ingest PATH --db {db}`")
    Store(db).close()  # opening for writing brings an older file up to this version's schema
    return Store(db, read_only=True)


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@main.command(context_settings=CONTEXT)
@db_option
@click.option("--type", "type_", metavar="TYPE", help="PLOVER event types, comma-separated, e.g. ASSAULT,COERCE.")
@click.option("--actor", help="Text within a source or target actor's name.")
@click.option("--country", help="ISO alpha-3 code of an actor or of the location.")
@click.option("--status", type=click.Choice(["occurred", "planned", "negated", "hypothetical"]))
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events on or after (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events on or before (YYYY-MM-DD).")
@click.option("--bbox", metavar="W,S,E,N", help="Events located in this box (degrees west,south,east,north).")
@click.option("--text", "q", metavar="TEXT", help="Text within the event's sentence (of any of its mentions).")
@click.option("--limit", type=click.IntRange(1), help="At most this many events.")
@click.option("--mentions", is_flag=True, help="One row per mention (an event as one article reports it).")
@click.option("--event", "merged_id", metavar="ID", help="The mentions of this merged event.")
@format_option
@click.pass_obj
@_fail
def events(obj: Context, db: str, type_: str | None, actor: str | None, country: str | None,
           status: str | None, since, until, bbox: str | None, q: str | None, limit: int | None, mentions: bool,
           merged_id: str | None, fmt: str) -> None:  # fmt: skip
    """Print stored events, filtered: each real-world event once, with its mention counts.

    An event reported by several articles is merged into one record that counts its mentions,
    articles and sources; --mentions prints every mention instead, --event ID those of one event.
    The filters mean what those of the web API and of Store.events mean (--text is the API's q).

    Example: eventwire events --type ASSAULT --country IRQ --since 2020-01-01 --format table
    """
    from eventwire.errors import InputError
    from eventwire.filters import EventFilter

    try:
        where = EventFilter.of(type=type_, actor=actor, country=country, status=status, since=_date(since),
                               until=_date(until), bbox=bbox, q=q, merged_id=merged_id)  # fmt: skip
    except InputError as exc:
        raise click.UsageError(exc.reason) from None
    with _open_read(db) as store:
        if mentions or merged_id:
            table = store.events_arrow(where, limit=limit)
        else:
            table = store.merged_events_arrow(where, limit=limit)
    write_records(table.to_pylist(), fmt=fmt, kind="event" if mentions or merged_id else "merged_event")


@main.command(context_settings=CONTEXT)
@db_option
@format_option
@click.pass_obj
@_fail
def duplicates(obj: Context, db: str, fmt: str) -> None:
    """Print each stored article that others copy, with its duplicates.

    Example: eventwire duplicates --format table
    """
    with _open_read(db) as store:
        rows = store.duplicate_groups()
    write_records(rows, fmt=fmt, kind="duplicate")


@main.command(context_settings=CONTEXT)
@db_option
@format_option
@click.pass_obj
@_fail
def rejections(obj: Context, db: str, fmt: str) -> None:
    """Print the inputs that were rejected, and why.

    Example: eventwire rejections --format table
    """
    with _open_read(db) as store:
        rows = store.table_arrow("rejections").to_pylist()
    write_records(({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in rows),
                  fmt=fmt, kind="rejection")  # fmt: skip


@main.command(context_settings=CONTEXT)
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]), required=True)
@click.option("--out", type=click.Path(), required=True,
              help="The file to write; for parquet, a path not ending in .parquet is a directory of "
                   "date-partitioned files (year=YYYY/month=MM/).")  # fmt: skip
@click.option("--table", type=click.Choice(["events", "mentions", "quotes", "places", "timexes", "articles",
                                          "rejections", "feeds", "fetched"]),
              default="events", show_default=True,
              help="events: each real-world event once; mentions: each event as each article reports it; "
                   "feeds, fetched: the state of `watch`.")  # fmt: skip
@click.pass_obj
@_fail
def export(obj: Context, db: str, fmt: str, out: str, table: str) -> None:
    """Export a table of the store to Parquet, CSV or JSON Lines.

    With --format parquet and an --out directory, the rows are written as Parquet files
    partitioned by date (events by event date, articles by publication date, quotes, places and
    time expressions by their article's; rows without one under year=undated), which DuckDB,
    pandas, pyarrow and Spark read directly.

    Example: eventwire export --format parquet --out events/

    Example: eventwire export --format parquet --out events.parquet
    """
    import pyarrow.parquet as pq

    if fmt == "parquet" and not out.endswith(".parquet"):
        with _open_read(db) as store:
            rows = store.export_partitioned(table, out)
        click.echo(f"wrote {rows:,} {table} to {out}/ (partitioned by year and month)", err=True)
        return
    with _open_read(db) as store:
        if table == "events":
            data = store.merged_events_arrow()
        elif table == "mentions":
            data = store.events_arrow()
        else:
            data = store.table_arrow(table)
    if Path(out).is_dir():
        raise EventwireError(f"{out} is a directory; give a file name")
    try:
        if fmt == "parquet":
            pq.write_table(data, out)
        else:
            with open(out, "w", encoding="utf-8", newline="") as fh:
                rows = ({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()}
                        for r in data.to_pylist())  # fmt: skip
                kind = {"events": "merged_event", "mentions": "event", "timexes": "timex"}.get(table, table.rstrip("s"))
                write_records(rows, fmt=fmt, kind=kind, out=fh)
    except OSError as exc:
        raise EventwireError(f"cannot write {out}: {exc.strerror}") from exc
    click.echo(f"wrote {data.num_rows:,} {table} to {out}", err=True)


@main.command(context_settings=CONTEXT)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-writes", is_flag=True, help="Allow saving pasted articles and deleting articles.")
@click.option("--token", envvar="EVENTWIRE_TOKEN", help="Bearer token for writes (default: a new random one).")
@click.pass_obj
@_fail
def serve(obj: Context, db: str, host: str, port: int, allow_writes: bool, token: str | None) -> None:
    """Serve the web app and the HTTP API over the store (read-only unless --allow-writes).

    Example: eventwire serve --db eventwire.duckdb --port 8000
    """
    import secrets
    import socket

    import uvicorn

    from eventwire.store import Store
    from eventwire.web.app import create_app

    try:  # say so plainly, rather than through uvicorn's log, when the port is taken
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise EventwireError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port") from None
    if allow_writes and not Path(db).exists():
        Store(db).close()  # an empty store to paste articles into
    _open_read(db).close()  # brings an older file up to this version's schema
    if allow_writes and not token:
        token = secrets.token_urlsafe(24)
        click.echo(f"write token: {token}", err=True)
    app = create_app(db_path=db, allow_writes=allow_writes, token=token if allow_writes else None,
                     settings=obj.settings)  # fmt: skip
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"eventwire serving {db} on http://{shown}:{port}/ ({'writes allowed' if allow_writes else 'read-only'};"
               " Ctrl+C to stop)", err=True)  # fmt: skip
    uvicorn.run(app, host=host, port=port, log_level="warning")


# -- evaluation -----------------------------------------------------------------------------------

BENCHMARKS = ("plover", "pentacode", "petrarch", "tempeval3", "geowebnews", "geovirus", "polnear", "event-location",
              "ecbplus", "articles", "violence")


@main.command("eval", context_settings=CONTEXT)
@click.argument("benchmark", type=click.Choice(BENCHMARKS))
@click.argument("path", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of metrics.")
@click.option("-v", "--verbose", is_flag=True, help="articles, violence: also list the errors, one a line.")
@click.pass_obj
@_fail
def evaluate(obj: Context, benchmark: str, path: str, as_json: bool, verbose: bool) -> None:
    """Score eventwire against a public gold file, or the project's own articles and snippets.

    Example: eventwire eval plover ../shared/benchmarks/plover-gsr/PLOVER_GSR_CAMEO.json
    """
    from eventwire.evaluate.runner import render_report, run_benchmark

    metrics = run_benchmark(benchmark, Path(path), settings=obj.settings)
    if as_json:
        click.echo(json.dumps(metrics, ensure_ascii=False, sort_keys=True))
        return
    report = render_report(benchmark, metrics, verbose=verbose)
    click.echo(report if report is not None else format_metrics(metrics))


def format_metrics(metrics: dict[str, Any]) -> str:
    """Render metrics as readable lines (nested ones as ``group.name``), then a per-class table."""
    buf = io.StringIO()

    def scalars(prefix: str, values: dict[str, Any]) -> None:
        for key, value in values.items():
            if key in ("per_class", "confusion", "labels"):
                continue
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                scalars(name + ".", value)
            elif not isinstance(value, list):
                shown = f"{value:.3f}" if isinstance(value, float) else value
                buf.write(f"{name:>32}  {shown}\n")

    scalars("", metrics)
    per_class = metrics.get("per_class")
    if isinstance(per_class, dict) and per_class:
        buf.write(f"\n{'class':>32}  precision  recall  f1     support\n")
        for name, row in sorted(per_class.items()):
            buf.write(f"{name:>32}  {row.get('precision', 0):9.3f}  {row.get('recall', 0):6.3f}  "
                      f"{row.get('f1', 0):5.3f}  {row.get('support', '')}\n")  # fmt: skip
    return buf.getvalue().rstrip("\n")


if __name__ == "__main__":  # pragma: no cover
    main()
