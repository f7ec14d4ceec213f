"""Readers are found through the ``unspin.readers`` entry-point group, built-ins included.

The plugin tests install a real (tiny) distribution on sys.path: a module plus a ``.dist-info``
folder with ``entry_points.txt``, which is how pip installs a plugin package.
"""

import io
import sys

import pytest

import unspin.ingest as ingest
from tests.plugins import install_distribution
from unspin import PluginError, UsageError
from unspin.ingest import Failure, RawArticle, format_of, is_batch, read_inputs, read_stream
from unspin.ingest.readers import ReadContext

PLUGIN = '''
from unspin import RecordError
from unspin.ingest import Failure, RawArticle


class PoemReader:
    """Reads .poem files: one article per stanza block separated by a line '---'."""

    name = "poem"
    extensions = (".poem",)
    batch = True
    sniff_priority = 70

    def sniff(self, head):
        return head.startswith(b"%POEM")

    def read(self, source, data, ctx):
        text = data.decode("utf-8").removeprefix("%POEM")
        for i, part in enumerate(text.split("\\n---\\n"), 1):
            src = f"{source}#{i}"
            if not part.strip():
                yield Failure(src, RecordError(src, "empty stanza"))
                continue
            raw = RawArticle(text=part.strip(), source=src, format="poem")
            raw.set("title", f"Stanza {i}", "record")
            yield raw


POEM = PoemReader()


class CrashReader(PoemReader):
    name = "crash"
    extensions = (".crash",)

    def read(self, source, data, ctx):
        yield RawArticle(text="First article. It reads.", source=source + "#1", format="crash")
        raise ValueError("bug in the plugin\\non two lines")


CRASH = CrashReader()


class Incomplete:
    name = "incomplete"
    extensions = (".inc",)


INCOMPLETE = Incomplete()
'''

POEM = b"%POEM\nThe council met at dawn. The river rose.\n---\nThe bridge was closed by noon.\n"


def _install(tmp_path, entries: dict[str, str], module=PLUGIN):
    install_distribution(tmp_path, "unspin-reader-plugin", "unspin_reader_plugin", module, "unspin.readers", entries)


@pytest.fixture
def plugin_path(tmp_path, monkeypatch):
    plugins = tmp_path / "site"
    plugins.mkdir()
    monkeypatch.syspath_prepend(str(plugins))
    ingest.readers.cache_clear()
    yield plugins
    ingest.readers.cache_clear()
    sys.modules.pop("unspin_reader_plugin", None)


def test_builtin_readers_come_from_the_registry():
    regs = ingest.readers()
    assert set(regs) == {"text", "html", "json", "jsonl", "csv", "tsv", "warc"}
    assert ingest.INPUT_FORMATS == tuple(regs)
    assert ingest.BATCH_FORMATS == {"jsonl", "csv", "tsv", "warc"}
    assert ingest.FORMATS[".csv.gz"] == "csv" and ingest.FORMATS[".md"] == "text"
    for r in regs.values():
        assert all(e == e.lower() and e.startswith(".") for e in r.extensions)
        assert isinstance(r.batch, bool)
    assert regs["text"].sniff(b"anything at all")


def test_third_party_reader_reads_a_file(plugin_path, tmp_path):
    _install(plugin_path, {"poem": "unspin_reader_plugin:POEM"})
    assert "poem" in ingest.INPUT_FORMATS and ingest.FORMATS[".poem"] == "poem"
    assert format_of("verse.POEM") == "poem" and is_batch(["verse.poem"])
    p = tmp_path / "verse.poem"
    p.write_bytes(POEM)
    items = list(read_inputs([str(p)]))
    assert [type(i) for i in items] == [RawArticle, RawArticle]
    assert items[0].source == f"{p}#1" and items[0].format == "poem" and items[1].title == "Stanza 2"


def test_third_party_reader_in_a_directory_scan(plugin_path, tmp_path, fixtures):
    _install(plugin_path, {"poem": "unspin_reader_plugin:POEM"})
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.poem").write_bytes(POEM)
    (d / "b.txt").write_text((fixtures / "clean.txt").read_text())
    (d / "c.pdf").write_bytes(b"%PDF")
    stats = ingest.IngestStats()
    items = list(read_inputs([str(d)], stats=stats))
    assert sorted(i.format for i in items) == ["poem", "poem", "text"]
    assert stats.skipped_files == [str(d / "c.pdf")]


def test_third_party_reader_by_input_format_and_sniffed(plugin_path, tmp_path):
    _install(plugin_path, {"poem": "unspin_reader_plugin:POEM"})
    p = tmp_path / "verse.dat"
    p.write_bytes(POEM)
    items = list(read_inputs([str(p)], input_format="poem"))
    assert [i.format for i in items] == ["poem", "poem"]
    assert [i.format for i in read_stream(io.BytesIO(POEM), "<stdin>")] == ["poem", "poem"]
    assert [i.format for i in read_stream(io.BytesIO(b"x" + POEM), "<stdin>", "poem")] == ["poem", "poem"]
    assert is_batch(["-"], "poem")


def test_unknown_input_format_lists_the_registered_ones(plugin_path):
    _install(plugin_path, {"poem": "unspin_reader_plugin:POEM"})
    with pytest.raises(UsageError, match="unknown input format 'pdf'; known: .*poem"):
        list(read_inputs(["x"], input_format="pdf"))


def test_reader_that_fails_to_import_is_a_one_line_plugin_error(plugin_path):
    _install(plugin_path, {"broken": "unspin_reader_plugin_missing:READER"})
    with pytest.raises(PluginError) as e:
        ingest.readers()
    msg = str(e.value)
    assert "\n" not in msg
    assert "unspin.readers entry point 'broken' (unspin_reader_plugin_missing:READER) failed to import" in msg


def test_reader_missing_attributes_is_a_plugin_error(plugin_path):
    _install(plugin_path, {"incomplete": "unspin_reader_plugin:INCOMPLETE"})
    with pytest.raises(PluginError, match=r"entry point 'incomplete' .*missing attributes 'batch', 'sniff', 'read'"):
        format_of("a.txt")


def test_builtin_readers_read_bytes_directly():
    from unspin.ingest.readers import CSV, JSONL, TEXT

    ctx = ReadContext()
    [raw] = TEXT.read("<b>", b"Headline\n\nThe body of the article is here.", ctx)
    assert raw.title == "Headline"
    assert [i.source for i in JSONL.read("x.jsonl", b'{"text": "a b"}\n\n{"text": "c d"}\n', ctx)] == ["x.jsonl:1", "x.jsonl:3"]
    items = list(CSV.read("x.csv", b"title,text\nA,Body a.\nB\n", ctx))
    assert isinstance(items[0], RawArticle) and isinstance(items[1], Failure)


def test_a_crashing_reader_is_a_failure_naming_it_and_the_batch_goes_on(plugin_path, tmp_path, fixtures):
    _install(plugin_path, {"crash": "unspin_reader_plugin:CRASH"})
    p = tmp_path / "a.crash"
    p.write_bytes(b"anything")
    items = list(read_inputs([str(p), str(fixtures / "clean.txt")]))
    assert [type(i) for i in items] == [RawArticle, Failure, RawArticle]
    assert items[1].message == f"{p}: the 'crash' reader failed (ValueError: bug in the plugin on two lines)"
