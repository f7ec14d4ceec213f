"""``unspin analyze``: read inputs, run the pipeline on each article (in worker processes with
``-j``), write the reports. The work itself is :mod:`unspin.batch`'s; this module wires options
to a :class:`~unspin.pipeline.PipelineSpec`, a runner and an output sink, and reports progress,
warnings and failures on stderr."""

from __future__ import annotations

import json
import sys

import click

from ..errors import UsageError
from ._common import EXIT_INPUT, EXIT_OK, csv_list, err


class _RegistryChoice(click.Choice):
    """Choices read from a plugin registry when first needed (not at import: a broken plugin is
    then a one-line error, and startup stays fast): ``--format`` from the renderers,
    ``--input-format`` from the readers."""

    def __init__(self, names):
        self._names = names
        super().__init__(())

    @property
    def choices(self):
        return tuple(self._names())

    @choices.setter
    def choices(self, value):  # click.Choice.__init__ assigns it; the registry is the truth
        pass


def _formats():
    from ..report.render import formats

    return formats()


def _input_formats():
    from ..ingest import INPUT_FORMATS

    return INPUT_FORMATS


def _sniff_stdin(settings) -> tuple[bytes, str]:
    """Standard input read once, and the format its first bytes show (gzip looked inside), so a
    CSV or JSONL batch on stdin is a batch (one report per record, JSON lines by default)."""
    import zlib

    from ..ingest import sniff

    limit = settings.max_batch_bytes or None
    data = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
    head = data
    if data[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:1 << 20], 1 << 16)
        except zlib.error:
            head = b""
    return data, sniff(head)


def parse_options(values) -> dict[str, dict]:
    """``-O ANALYZER.KEY=VALUE`` values as ``{analyzer: {key: value}}``. VALUE is read as JSON
    when it parses (``3``, ``0.5``, ``true``, ``"x"``, ``[1, 2]``), else taken as a string.
    Unknown analyzers and options are usage errors."""
    from ..analyzers import registry

    options: dict[str, dict] = {}
    for raw in values or ():
        target, eq, value = raw.partition("=")
        name, dot, key = target.strip().partition(".")
        if not eq or not dot or not name or not key.strip():
            raise UsageError(f"-O {raw}: expected ANALYZER.KEY=VALUE, e.g. -O llm.with_style=false")
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = value
        if name not in registry.available():
            raise UsageError(f"-O {raw}: unknown analyzer {name!r} (see `unspin analyzers`)")
        options.setdefault(name, {})[key.strip()] = parsed
    for name, opts in options.items():
        registry.check_options(name, opts)  # UsageError naming the option and the known ones
    return options


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE... [-]")
@click.option("-f", "--format", "fmt", type=_RegistryChoice(_formats), default=None,
              help="Report format. Default: text for one article, JSON lines for several.")
@click.option("-o", "--out", type=click.Path(dir_okay=True, writable=True), default=None,
              help="Write the report here. Several articles: a directory (one file each) or a .jsonl file.")
@click.option("--title", help="Headline (overrides what was read).")
@click.option("--outlet", help="Outlet name (overrides what was read).")
@click.option("--url", help="Article URL (overrides what was read).")
@click.option("--published", help="Publication date (overrides what was read).")
@click.option("--lang", help="Language code, e.g. en (skips detection).")
@click.option("--id", "article_id", help="Article id (default: sha256 of the normalised text).")
@click.option("--input-format", type=_RegistryChoice(_input_formats),
              help="Reader to use instead of guessing from the extension (needed for stdin batches).")
@click.option("--text-field", help="Record field holding the article text (JSON/JSONL/CSV). Default: text, body, content, article, paragraphs, html.")
@click.option("--title-field", help="Record field of the headline. Default: title, headline.")
@click.option("--outlet-field", help="Record field of the outlet. Default: outlet, site, site_name, publisher, source_name.")
@click.option("--url-field", help="Record field of the URL. Default: url, link.")
@click.option("--published-field", help="Record field of the date. Default: published, date, published_at, datePublished, pub_date.")
@click.option("--id-field", help="Record field of the article id. Default: id, article_id, doc_id.")
@click.option("--lang-field", help="Record field of the language. Default: language, lang.")
@click.option("--analyzers", "only", help="Comma-separated analyzers to run (default: all; see `unspin analyzers`).")
@click.option("--exclude", help="Comma-separated analyzers to skip.")
@click.option("-O", "--option", "analyzer_options", multiple=True, metavar="ANALYZER.KEY=VALUE",
              help="Set an analyzer option (repeatable); VALUE is read as JSON when it parses, else as a string.")
@click.option("--resources", "resource_dirs", multiple=True, type=click.Path(file_okay=False),
              help="Directory of resource files searched before the package (repeatable).")
@click.option("--max-bytes", type=click.IntRange(min=1), help="Largest article in bytes (setting max_article_bytes; default 5,000,000).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes for several articles (default 1).")
@click.option("--include-text", is_flag=True, help="Put the normalised article text into JSON reports.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal and there are several articles).")
def analyze(inputs, fmt, out, title, outlet, url, published, lang, article_id, input_format,
            text_field, title_field, outlet_field, url_field, published_field, id_field, lang_field,
            only, exclude, analyzer_options, resource_dirs, max_bytes, jobs, include_text, progress):
    """Analyse articles and print their reports.

    FILE can be a .txt/.md, .html, .json, .jsonl, .csv/.tsv or .warc(.gz) file, a directory
    (searched recursively by extension) or - for standard input.
    """
    from ..batch import OutputSink, runner_for, timed
    from ..ingest import FieldMap, IngestStats, is_batch, read_inputs
    from ..pipeline import PipelineSpec
    from ..settings import load_settings

    settings = load_settings(max_article_bytes=max_bytes, jobs=jobs, resources=tuple(resource_dirs))
    fields = FieldMap(text=text_field, title=title_field, outlet=outlet_field, url=url_field,
                      published=published_field, id=id_field, language=lang_field)
    overrides = dict(title=title, outlet=outlet, url=url, published=published, language=lang, id=article_id)
    if inputs.count("-") > 1:
        raise UsageError("standard input (-) can be named only once")
    stdin_data = None
    if list(inputs) == ["-"] and input_format is None:
        from ..ingest import BATCH_FORMATS

        stdin_data, sniffed = _sniff_stdin(settings)
        batch = sniffed in BATCH_FORMATS
    else:
        batch = is_batch(list(inputs), input_format)
    if fmt is None:
        fmt = "json" if batch else "text"
    if batch and fmt == "html" and not out:
        raise UsageError("--format html with several articles needs --out DIR")

    spec = PipelineSpec(csv_list(only), csv_list(exclude), parse_options(analyzer_options), settings, overrides)
    spec.build()  # bad analyzer names and options fail here, before anything is read
    stats = IngestStats()
    if stdin_data is not None:
        import io

        from ..ingest import read_stream

        items = read_stream(io.BytesIO(stdin_data), "<stdin>", None, fields=fields, settings=settings, stats=stats)
    else:
        items = read_inputs(list(inputs), input_format=input_format, fields=fields, settings=settings, stats=stats)
    out_sink = OutputSink(fmt, out, batch, include_text)
    show_progress = progress if progress is not None else (batch and sys.stderr.isatty())
    console = _Console(out_sink, batch, show_progress, settings.progress_min_items)
    try:
        runner_for(settings.jobs).run(timed(items), spec, console)
    finally:
        console.stop()
        out_sink.close()
    failures = out_sink.failures
    for p in stats.skipped_files:
        err(f"skipped {p}: not an article file type")
    if stats.skipped_non_html_records:
        err(f"skipped {stats.skipped_non_html_records} WARC response records that are not HTML")
    n_ok = console.ok
    if batch or failures:
        if failures and show_progress:
            for f in failures:
                err(f"error: {f.message}")
        err(f"{n_ok} article{'s' if n_ok != 1 else ''} analysed, {len(failures)} failed"
            + (f" (listed in {out_sink.failures_path})" if out_sink.failures_path else ""))
    sys.exit(EXIT_INPUT if failures or n_ok == 0 else EXIT_OK)


class _Console:
    """The sink the runner feeds: prints warnings and failures (or a progress bar) on stderr and
    passes every result on to the output sink."""

    def __init__(self, sink, batch: bool, show_progress: bool, progress_min_items: int):
        self.sink, self.batch, self.show_progress = sink, batch, show_progress
        self.progress_min_items = progress_min_items
        self.ok = self.failed = 0
        self.prog = self.task = None

    def put(self, result) -> None:
        from ..ingest import Failure

        if isinstance(result, Failure):
            self.failed += 1
            if not self.batch or not self.show_progress:
                err(f"error: {result.message}")
        else:
            for w in result.warnings:
                err(f"warning: {w['message']}")
            self.ok += 1
        self.sink.put(result)
        done = self.ok + self.failed
        if self.show_progress and self.prog is None and done > self.progress_min_items:
            self.prog = _progress()
            self.prog.start()
            self.task = self.prog.add_task("analysing", total=None, completed=done)
        if self.prog:
            self.prog.update(self.task, completed=done, description=f"analysed {self.ok}, failed {self.failed}")

    def stop(self) -> None:
        if self.prog:
            self.prog.stop()


def _progress():
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                    console=Console(file=sys.stderr), transient=True)
