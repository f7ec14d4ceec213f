"""Fuzzing the readers: arbitrary and near-valid bytes through every registered reader and
through ``read_stream`` give only RawArticle / Failure items (or a typed InputError for a whole
input), never another exception; every article normalises (or fails typed) with consistent
offsets. Short: a few hundred examples in all."""

import csv
import gzip
import io
import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from unspin import InputError
from unspin.ingest import Failure, RawArticle, normalize, read_stream, readers
from unspin.ingest.readers import ReadContext
from unspin.settings import load_settings

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True)
CTX_SETTINGS = load_settings(max_article_bytes=20_000, max_batch_bytes=200_000)

WORDS = st.sampled_from(["The", "council", "met", "on", "Tuesday.", "It", "voted,", "said", "“quote”", "—",
                         "Москва", "東京。", "<b>", "&amp;", "\\", '"', ",", "\t", "\n", "\r\n", "\x00", "\ufeff"])
PROSE = st.lists(WORDS, max_size=40).map(" ".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), PROSE)
JSONISH = st.recursive(SCALARS, lambda c: st.one_of(st.lists(c, max_size=4),
                                                    st.dictionaries(st.sampled_from(
                                                        ["text", "title", "id", "outlet", "html", "paragraphs",
                                                         "url", "date", "author", "articles"]), c, max_size=5)),
                       max_leaves=12)
TAGS = st.sampled_from(["div", "p", "article", "span", "a", "nav", "script", "h1", "title", "li", "table", "x:y"])


@st.composite
def html_pages(draw):
    parts = ["<html><head><title>", draw(PROSE), "</title></head><body>"]
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(TAGS)
        depth = draw(st.integers(1, 300)) if draw(st.integers(0, 9)) == 0 else 1
        parts += [f"<{tag}>" * depth, draw(PROSE), f"</{tag}>" * draw(st.integers(0, depth))]
    return "".join(parts).encode()


@st.composite
def csv_files(draw):
    header = draw(st.lists(st.sampled_from(["id", "title", "text", "body", "outlet", "x y", ""]), min_size=1, max_size=5))
    out = io.StringIO()
    delim = draw(st.sampled_from([",", "\t"]))
    w = csv.writer(out, delimiter=delim)
    w.writerow(header)
    for _ in range(draw(st.integers(0, 5))):
        w.writerow(draw(st.lists(PROSE, max_size=len(header) + 1)))
    return out.getvalue().encode()


@st.composite
def warc_like(draw):
    body = draw(html_pages()) if draw(st.booleans()) else draw(st.binary(max_size=200))
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + draw(st.sampled_from([b"text/html", b"text/html; charset=bogus", b"image/png", b""])) + b"\r\n\r\n" + body
    length = draw(st.one_of(st.just(len(http)), st.integers(-5, 10_000)))
    head = (b"WARC/1.0\r\nWARC-Type: " + draw(st.sampled_from([b"response", b"request", b"warcinfo"]))
            + b"\r\nWARC-Target-URI: " + draw(st.sampled_from([b"https://a.example/x", b"", b"\xff\xfe"]))
            + b"\r\nContent-Length: " + str(length).encode() + b"\r\n\r\n")
    return head + http + b"\r\n\r\n"


def _truncate(draw, data: bytes) -> bytes:
    if data and draw(st.integers(0, 3)) == 0:
        return data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def near_valid(draw):
    kind = draw(st.sampled_from(["json", "jsonl", "csv", "html", "warc", "bytes"]))
    if kind == "json":
        data = json.dumps(draw(JSONISH), ensure_ascii=draw(st.booleans())).encode()
    elif kind == "jsonl":
        data = b"\n".join(json.dumps(draw(JSONISH)).encode() for _ in range(draw(st.integers(0, 4))))
    elif kind == "csv":
        data = draw(csv_files())
    elif kind == "html":
        data = draw(html_pages())
    elif kind == "warc":
        data = draw(warc_like())
    else:
        data = draw(st.binary(max_size=400))
    data = _truncate(draw, data)
    if draw(st.integers(0, 4)) == 0:
        data = _truncate(draw, gzip.compress(data))
    return data


INPUTS = st.one_of(st.binary(max_size=600), near_valid())


def _check_items(items, source):
    for item in items:
        assert isinstance(item, (RawArticle, Failure)), item
        if isinstance(item, Failure):
            assert isinstance(item.error, InputError) and "\n" not in item.message
            assert "reader failed" not in item.reason, item.error.__cause__  # a built-in reader crashed
            continue
        assert isinstance(item.text, str) and item.source.startswith(source)
        for name in ("title", "outlet", "url", "published", "author", "section", "language", "id"):
            assert getattr(item, name) is None or isinstance(getattr(item, name), str)
        try:
            doc = normalize(item)
        except InputError:
            continue
        assert doc.text and doc.article.chars == len(doc.text) and "\r" not in doc.text
        for span in (*doc.paragraphs, *doc.sentences, *doc.tokens[:200]):
            assert doc.field(span.field)[span.start:span.end] == span.text


REGRESSIONS = [
    b"",
    b"\x1f\x8b",  # a gzip magic and nothing else
    gzip.compress(b"")[:-3],
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: -1\r\n\r\n",
    b"<html>" + b"<div>" * 300 + b"<p>Deep text. It is here.</p>" + b"</div>" * 300,
    b'{"text": 1e999}',
    b'[{"text": "a", "title": {"x": [1, {"y": null}]}}]',
    b"title,text\n\"unterminated",
    b"\xef\xbb\xbf{\"text\": \"BOM first. Then text.\"}",
    b"WARC/1.0\nContent-Length:\n\n\nC\n",  # warcio's message quoted a line break
    b"WARC/1.0\nWARC-Type:response",  # warcio raised AttributeError
    b"[]",  # an empty JSON array gave nothing at all, not even a failure
]


@SETTINGS
@given(INPUTS)
@example(REGRESSIONS[0]).via("regression")
@example(REGRESSIONS[1]).via("regression")
@example(REGRESSIONS[2]).via("regression")
@example(REGRESSIONS[3]).via("regression")
@example(REGRESSIONS[4]).via("regression")
@example(REGRESSIONS[5]).via("regression")
@example(REGRESSIONS[6]).via("regression")
@example(REGRESSIONS[7]).via("regression")
@example(REGRESSIONS[8]).via("regression")
@example(REGRESSIONS[9]).via("regression")
@example(REGRESSIONS[10]).via("regression")
@example(REGRESSIONS[11]).via("regression")
def test_every_reader_on_arbitrary_bytes(data):
    ctx = ReadContext(settings=CTX_SETTINGS)
    for name, reader in readers().items():
        try:
            items = list(reader.read("<fuzz>", data, ctx))
        except InputError as e:
            assert "\n" not in str(e), name
            continue
        _check_items(items, "<fuzz>")


@SETTINGS
@given(INPUTS)
@example(REGRESSIONS[1]).via("regression")
@example(REGRESSIONS[2]).via("regression")
@example(REGRESSIONS[3]).via("regression")
@example(REGRESSIONS[4]).via("regression")
@example(REGRESSIONS[9]).via("regression")
@example(REGRESSIONS[10]).via("regression")
@example(REGRESSIONS[11]).via("regression")
def test_read_stream_on_arbitrary_bytes(data):
    items = list(read_stream(io.BytesIO(data), "<stdin>", settings=CTX_SETTINGS))
    assert items
    _check_items(items, "<stdin>")


def test_fuzz_regressions_read_as_typed_failures():
    [fail] = read_stream(io.BytesIO(b"[]"), "<stdin>")
    assert fail.code == "NoArticlesError" and fail.reason == "JSON file holds an empty array of articles"
    [fail] = read_stream(io.BytesIO(b"WARC/1.0\nWARC-Type:response"), "<stdin>")
    assert fail.code == "RecordError" and fail.reason.startswith("not a readable WARC file")
    [fail] = read_stream(io.BytesIO(b"WARC/1.0\nContent-Length:\n\n\nC\n"), "<stdin>")
    assert "\n" not in fail.message
