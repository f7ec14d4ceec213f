"""Optional coverage-guided fuzzing of the readers with atheris (libFuzzer for Python).

``pip install atheris`` (optional; not a dependency of unspin), then from the repository root::

    python -m benchmarks.fuzz_atheris -runs=100000            # libFuzzer flags pass through
    python -m benchmarks.fuzz_atheris -max_total_time=300 corpus_dir/

The first byte of an input picks the registered reader (``unspin.hookspecs.load("unspin.readers")``),
the rest is its data; every reader's ``sniff`` sees the data too, and inputs whose first byte is
odd go through ``unspin.ingest.read_stream`` with sniffing and gzip detection as well. An
:class:`unspin.errors.UnspinError` (raised, or in a yielded ``Failure``) is expected; anything else
propagates and libFuzzer stops with the crashing input saved as ``crash-*``. Without atheris
installed it says so and exits 2. ``python -m benchmarks.bench_fuzz`` is the seeded,
dependency-free fuzzer that ``make bench`` runs.
"""

from __future__ import annotations

import io
import sys


def main(argv: list[str]) -> int:
    try:
        import atheris
    except ImportError:
        print("atheris is not installed (pip install atheris); the seeded fuzzer is python -m benchmarks.bench_fuzz",
              file=sys.stderr)
        return 2
    with atheris.instrument_imports(include=["unspin"]):
        from unspin.errors import UnspinError
        from unspin.hookspecs import load
        from unspin.ingest import Failure, FieldMap, IngestStats, RawArticle, read_stream
        from unspin.ingest.readers import ReadContext
        from unspin.settings import load_settings

    settings = load_settings()
    readers = load("unspin.readers")
    names = sorted(readers)

    def drain(items):
        for it in items:
            if not isinstance(it, (RawArticle, Failure)):
                raise TypeError(f"reader yielded {type(it).__name__}, not RawArticle or Failure")
            if isinstance(it, Failure) and not isinstance(it.error, UnspinError):
                raise TypeError(f"Failure holds {type(it.error).__name__}, not an UnspinError")

    def one_input(data: bytes) -> None:
        if not data:
            return
        reader = readers[names[data[0] % len(names)]]
        body = data[1:]
        for r in readers.values():
            try:
                r.sniff(body[:4096])
            except UnspinError:
                pass
        try:
            drain(reader.read("<atheris>", body, ReadContext(FieldMap(), settings, IngestStats())))
        except UnspinError:
            pass
        if data[0] & 1:
            drain(read_stream(io.BytesIO(body), "<atheris>", None, fields=FieldMap(), settings=settings))

    atheris.Setup([sys.argv[0], *argv], one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
