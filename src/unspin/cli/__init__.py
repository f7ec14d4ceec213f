"""The ``unspin`` command line. A thin layer: library errors become one-line messages.

Exit codes: 0 every input was analysed; 1 some input (or record) could not be read, or an
error named its cause; 2 usage error (unknown option, bad value).
Reports go to stdout (or --out); messages, warnings and progress go to stderr.
"""

from __future__ import annotations

import os
import re
import sys
import time

import click

from .. import __version__
from ..errors import UnspinError, UsageError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _err(msg: str) -> None:
    click.echo(f"unspin: {msg}", err=True)


def _csv_list(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UnspinError as e:
            _err(f"error: {e}")
            ctx.exit(e.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unspin")
def main():
    """unspin: news-article forensics.

    Where a story came from, what was done to it, what it pushes, with evidence.
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE... [-]")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default=None,
              help="Report format. Default: text for one article, JSON lines for several.")
@click.option("-o", "--out", type=click.Path(dir_okay=True, writable=True), default=None,
              help="Write the report here. Several articles: a directory (one file each) or a .jsonl file.")
@click.option("--title", help="Headline (overrides what was read).")
@click.option("--outlet", help="Outlet name (overrides what was read).")
@click.option("--url", help="Article URL (overrides what was read).")
@click.option("--published", help="Publication date (overrides what was read).")
@click.option("--lang", help="Language code, e.g. en (skips detection).")
@click.option("--id", "article_id", help="Article id (default: sha256 of the normalised text).")
@click.option("--input-format", type=click.Choice(["text", "html", "json", "jsonl", "csv", "tsv", "warc"]),
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
@click.option("--resources", "resource_dirs", multiple=True, type=click.Path(file_okay=False),
              help="Directory of resource files searched before the package (repeatable).")
@click.option("--max-bytes", type=click.IntRange(min=1), help="Largest article in bytes (setting max_article_bytes; default 5,000,000).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes for several articles (default 1).")
@click.option("--include-text", is_flag=True, help="Put the normalised article text into JSON reports.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal and there are several articles).")
def analyze(inputs, fmt, out, title, outlet, url, published, lang, article_id, input_format,
            text_field, title_field, outlet_field, url_field, published_field, id_field, lang_field,
            only, exclude, resource_dirs, max_bytes, jobs, include_text, progress):
    """Analyse articles and print their reports.

    FILE can be a .txt/.md, .html, .json, .jsonl, .csv/.tsv or .warc(.gz) file, a directory
    (searched recursively by extension) or - for standard input.
    """
    from ..ingest import FieldMap, IngestStats, is_batch, read_inputs
    from ..settings import load_settings

    settings = load_settings(max_article_bytes=max_bytes, jobs=jobs)
    fields = FieldMap(text=text_field, title=title_field, outlet=outlet_field, url=url_field,
                      published=published_field, id=id_field, language=lang_field)
    overrides = {k: v for k, v in dict(title=title, outlet=outlet, url=url, published=published,
                                        language=lang, id=article_id).items() if v is not None}
    if inputs.count("-") > 1:
        raise UsageError("standard input (-) can be named only once")
    batch = is_batch(list(inputs), input_format)
    if fmt is None:
        fmt = "json" if batch else "text"
    if batch and fmt == "html" and not out:
        raise UsageError("--format html with several articles needs --out DIR")

    from ..pipeline import Pipeline

    pipe_args = (_csv_list(only), _csv_list(exclude), list(resource_dirs), settings)
    pipeline = Pipeline(*pipe_args)
    stats = IngestStats()
    items = read_inputs(list(inputs), input_format=input_format, fields=fields, settings=settings, stats=stats)
    sink = _Sink(fmt, out, batch, include_text)
    failures = []
    n_ok = 0
    show_progress = progress if progress is not None else (batch and sys.stderr.isatty())
    results = _process(_timed(items), pipeline, pipe_args, overrides, settings.jobs)
    prog = task = None
    try:
        for kind, value in results:
            if kind == "ok":
                for w in value.warnings:
                    _err(f"warning: {w['message']}")
                sink.write(value)
                n_ok += 1
            else:
                failures.append(value)
                if not batch or not show_progress:
                    _err(f"error: {value.message}")
            done = n_ok + len(failures)
            if show_progress and prog is None and done > settings.progress_min_items:
                prog = _progress()
                prog.start()
                task = prog.add_task("analysing", total=None, completed=done)
            if prog:
                prog.update(task, completed=done, description=f"analysed {n_ok}, failed {len(failures)}")
    finally:
        if prog:
            prog.stop()
        sink.close(failures)
    for p in stats.skipped_files:
        _err(f"skipped {p}: not an article file type")
    if stats.skipped_non_html_records:
        _err(f"skipped {stats.skipped_non_html_records} WARC response records that are not HTML")
    if batch or failures:
        if failures and show_progress:
            for f in failures:
                _err(f"error: {f.message}")
        _err(f"{n_ok} article{'s' if n_ok != 1 else ''} analysed, {len(failures)} failed"
             + (f" (listed in {sink.failures_path})" if sink.failures_path else ""))
    sys.exit(EXIT_INPUT if failures or n_ok == 0 else EXIT_OK)


def _progress():
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                    console=Console(file=sys.stderr), transient=True)


def _timed(items):
    """Pair each item with the milliseconds it took to read (part of the ``ingest`` timing)."""
    it = iter(items)
    while True:
        t = time.perf_counter()
        try:
            item = next(it)
        except StopIteration:
            return
        yield item, (time.perf_counter() - t) * 1000


def _analyze_one(pipeline, item, overrides):
    from ..errors import InputError
    from ..ingest import Failure

    raw, read_ms = item
    if isinstance(raw, Failure):
        return "fail", raw
    try:
        return "ok", pipeline.analyze_raw(raw, dict(overrides), ingest_ms=read_ms)
    except InputError as e:
        return "fail", Failure(e.source, e)


_WORKER = {}


def _worker_init(pipe_args, overrides):
    from ..pipeline import Pipeline

    _WORKER["pipeline"] = Pipeline(*pipe_args)
    _WORKER["overrides"] = overrides


def _worker(item):
    return _analyze_one(_WORKER["pipeline"], item, _WORKER["overrides"])


def _process(items, pipeline, pipe_args, overrides, jobs):
    if jobs <= 1:
        for raw in items:
            yield _analyze_one(pipeline, raw, overrides)
        return
    import multiprocessing as mp

    # fork is cheapest on Linux (the parent's loaded resources are shared); elsewhere spawn
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(pipe_args, overrides)) as pool:
        yield from pool.imap(_worker, items, chunksize=4)


_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


class _Sink:
    """Where reports go: stdout, one file, a JSONL file, or one file per article in a directory."""

    def __init__(self, fmt, out, batch, include_text):
        from ..report.render import EXTENSIONS

        self.fmt, self.out, self.batch, self.include_text = fmt, out, batch, include_text
        self.ext = EXTENSIONS[fmt]
        self.failures_path = None
        self.count = 0
        self.fh = None
        self.dir = None
        self.names = set()
        if out and batch:
            if out.endswith(".jsonl"):
                if fmt != "json":
                    raise UsageError("--out FILE.jsonl needs --format json")
                self.fh = open(out, "w", encoding="utf-8")
            else:
                if os.path.exists(out) and not os.path.isdir(out):
                    raise UsageError(f"--out {out}: exists and is not a directory (several articles need a directory or a .jsonl file)")
                os.makedirs(out, exist_ok=True)
                self.dir = out
        self.color = not out and sys.stdout.isatty() and fmt == "text"

    def _text(self, report, one_line):
        from ..report.render import render

        if self.fmt == "json":
            return render(report, "json", include_text=self.include_text, indent=None if one_line else 2)
        return render(report, self.fmt, include_text=self.include_text, color=self.color)

    def write(self, report):
        self.count += 1
        if self.dir:
            base = os.path.basename(report.article.source.split("#")[0]) or "stdin"
            stem = _SLUG.sub("_", re.sub(r"\.[A-Za-z0-9.]+$", "", base))[:60] or "article"
            name = f"{stem}-{report.article.id.split(':')[-1][:12]}{self.ext}"
            i = 1
            while name in self.names:
                i += 1
                name = f"{stem}-{report.article.id.split(':')[-1][:12]}-{i}{self.ext}"
            self.names.add(name)
            with open(os.path.join(self.dir, name), "w", encoding="utf-8") as fh:
                fh.write(self._text(report, one_line=False))
        elif self.fh:
            self.fh.write(self._text(report, one_line=True))
        elif self.out:
            with open(self.out, "w", encoding="utf-8") as fh:
                fh.write(self._text(report, one_line=False))
        else:
            batch_json = self.batch and self.fmt == "json"
            if self.batch and self.fmt in ("text", "markdown") and self.count > 1:
                sys.stdout.write("\n" + ("─" * 100 if self.fmt == "text" else "---") + "\n\n")
            sys.stdout.write(self._text(report, one_line=batch_json))
            sys.stdout.flush()

    def close(self, failures):
        import json

        if self.fh:
            self.fh.close()
        if self.dir and failures:
            self.failures_path = os.path.join(self.dir, "failures.jsonl")
            with open(self.failures_path, "w", encoding="utf-8") as fh:
                for f in failures:
                    fh.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")


@main.command("analyzers")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def analyzers_cmd(as_json):
    """List the registered analyzers: name, version and what each finds."""
    from ..analyzers import registry

    rows = [info for info, _ in registry.available().values()]
    if as_json:
        import json

        click.echo(json.dumps([{"name": i.name, "version": i.version, "description": i.description,
                                "enabled_by_default": i.enabled_by_default,
                                "needs": sorted(i.needs), "produces": list(i.produces),
                                "entry_point": i.entry_point} for i in rows], indent=2))
        return
    width = max(len(i.name) for i in rows)
    for i in rows:
        off = "" if i.enabled_by_default else " [off by default: name it in --analyzers]"
        click.echo(f"{i.name:<{width}}  {i.version:<4} {i.description}{off}")


@main.command("schema")
def schema_cmd():
    """Print the JSON Schema of the report format (unspin.report/1)."""
    import json

    from ..report.schema import report_schema

    click.echo(json.dumps(report_schema(), indent=2))


@main.command("validate")
@click.argument("reports", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True))
def validate_cmd(reports):
    """Check JSON or JSONL report files against the report schema."""
    import json

    import jsonschema

    from ..report.schema import validate_report

    bad = 0
    n = 0
    for path in reports:
        fh = sys.stdin if path == "-" else open(path, encoding="utf-8")
        with fh:
            content = fh.read()
        docs = []
        stripped = content.strip()
        if stripped.startswith("{") and "\n{" not in stripped:
            docs = [(path, stripped)]
        else:
            docs = [(f"{path}:{i}", ln) for i, ln in enumerate(content.splitlines(), 1) if ln.strip()]
        for where, s in docs:
            n += 1
            try:
                validate_report(json.loads(s))
            except json.JSONDecodeError as e:
                bad += 1
                _err(f"{where}: invalid JSON ({e.msg})")
            except jsonschema.ValidationError as e:
                bad += 1
                _err(f"{where}: not a valid unspin.report/1 ({e.message})")
    _err(f"{n - bad} of {n} reports valid")
    sys.exit(EXIT_INPUT if bad else EXIT_OK)


def run():  # pragma: no cover
    t = time.perf_counter()
    main()
    return t


if __name__ == "__main__":  # pragma: no cover
    main()
