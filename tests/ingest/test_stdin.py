"""Standard input (and bytes in memory) are sniffed like files: batch formats, gzip, prose."""

import csv
import gzip
import io
import json

import pytest

from unspin import InputTooLargeError
from unspin.ingest import Failure, RawArticle, read_stream
from unspin.ingest.readers import CSV, TSV
from unspin.settings import load_settings

PROSE = (b"The council met on Tuesday, and it voted to repair the bridge.\n\n"
         b"Residents, shopkeepers and commuters had waited, text in hand, for months.\n")


def _read(data: bytes, **kw):
    return list(read_stream(io.BytesIO(data), "<stdin>", **kw))


def _csv(n: int, delimiter=",") -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter)
    w.writerow(["id", "title", "text"])
    for i in range(n):
        w.writerow([i, f"Title {i}", f"Body of article {i}, with a comma.\n\nSecond paragraph {i}."])
    return out.getvalue().encode()


def test_csv_of_hundreds_of_articles_on_stdin():
    items = _read(_csv(300))
    assert len(items) == 300 and all(isinstance(i, RawArticle) and i.format == "csv" for i in items)
    assert items[0].source == "<stdin>:2" and items[1].title == "Title 1" and items[299].id == "299"


def test_tsv_on_stdin():
    items = _read(_csv(5, "\t"))
    assert [i.id for i in items] == ["0", "1", "2", "3", "4"]


def test_jsonl_on_stdin():
    data = "".join(json.dumps({"id": f"a{i}", "text": f"Body {i}. More text."}) + "\n" for i in range(50)).encode()
    items = _read(data)
    assert [i.id for i in items] == [f"a{i}" for i in range(50)] and items[3].source == "<stdin>:4"


@pytest.mark.parametrize("inner", ["csv", "jsonl", "text", "json"])
def test_gzip_on_stdin_is_decompressed_then_sniffed(inner):
    data = {
        "csv": _csv(20),
        "jsonl": b'{"text": "One body."}\n{"text": "Two body."}\n',
        "text": PROSE,
        "json": b'[{"text": "One body."}, {"text": "Two body."}]',
    }[inner]
    items = _read(gzip.compress(data))
    assert all(isinstance(i, RawArticle) for i in items), items
    assert {i.format for i in items} == {inner}
    assert len(items) == {"csv": 20, "jsonl": 2, "text": 1, "json": 2}[inner]


def test_gzip_on_stdin_respects_the_size_limits():
    bomb = gzip.compress(b"word " * 200_000)  # 1 MB of text from a few KB
    [fail] = _read(bomb, settings=load_settings(max_article_bytes=10_000))
    assert isinstance(fail.error, InputTooLargeError) and "10,000-byte limit" in fail.reason
    [fail] = _read(bomb, settings=load_settings(max_batch_bytes=50_000))
    assert isinstance(fail.error, InputTooLargeError) and "once decompressed" in fail.reason
    assert "max_batch_bytes" in fail.reason


def test_truncated_gzip_on_stdin_is_one_failure():
    data = gzip.compress(_csv(50))
    [fail] = _read(data[: len(data) // 2])
    assert isinstance(fail, Failure) and fail.source == "<stdin>" and "cannot read" in fail.reason


@pytest.mark.parametrize("text", [
    PROSE,
    b"Text, body, content\nThe cat sat on the mat, and then it left.\n",
    b"title,text\n",  # a header with no rows is not enough to call prose CSV
    b"Notes: text, body\nmore, lines, here, now\nand, more\n",
    b"name,age\nAnn,34\nBob,29\n",  # a CSV without a text column is not an article batch
])
def test_prose_is_never_taken_for_csv(text):
    assert not CSV.sniff(text) and not TSV.sniff(text)
    [raw] = _read(text)
    assert raw.format == "text"


def test_csv_sniff_needs_consistent_field_counts():
    assert CSV.sniff(b"title,text\nA,Body a.\nB,Body b.\n")
    assert not CSV.sniff(b"title,text\nA,Body a.\nB,Body b.,extra,more\n")
    assert TSV.sniff(b"title\tbody\nA\tBody a.\n") and not CSV.sniff(b"title\tbody\nA\tBody a.\n")


def test_forced_format_on_stdin_still_wins():
    [raw] = _read(_csv(3), input_format="text")
    assert raw.format == "text"
