"""JSON nested deeper than Python's parser recurses is a one-line record error, not a crash
(found by benchmarks/bench_fuzz.py: ``b"[" * 1000``)."""

import io

from unspin import RecordError
from unspin.ingest import Failure, read_stream


def test_deep_json_and_jsonl_are_record_errors():
    for fmt, where in (("json", "<f>"), ("jsonl", "<f>:1")):
        [item] = list(read_stream(io.BytesIO(b"[" * 100_000), "<f>", fmt))
        assert isinstance(item, Failure) and isinstance(item.error, RecordError)
        assert item.message == f"{where}: JSON nested too deeply to read"
