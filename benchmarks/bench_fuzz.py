"""Fuzzing of every registered reader and of ``unspin.analyze``: generated inputs, unexpected exceptions.

``python -m benchmarks.bench_fuzz [--inputs 1000000] [--seed N] [--workers 2] [--analyze-share 0.01]
[--budget-s 540] [--md]``

Every input is generated from the seed and its index alone (``random.Random(f"{seed}:{i}")``), so
one input can be regenerated with ``--replay I``. Generation is hypothesis-like without its
per-example overhead: valid seeds of each format (text, HTML, JSON, JSONL, CSV, TSV, WARC, gzip of
them, and the bundled example articles) mutated by bit flips, byte insertion and deletion,
truncation, splicing two seeds, random Unicode (also as UTF-16 and lone surrogates), deep nesting,
repeated chunks, odd line endings and NUL bytes, and gzip wrapping (of the mutated bytes, or
mutated compressed bytes).

Each input goes through every reader's ``sniff`` and one reader's ``read`` (round robin over
the registered readers, drained; ``html`` and ``warc``, whose HTML extraction costs ~50 times more,
get a tenth of the others' share), and every 50th input through ``unspin.ingest.read_stream`` with
sniffing and gzip detection. ``--analyze-share`` of the inputs also go through ``unspin.analyze``
(as bytes, and decoded as ``str``). Expected failures are :class:`unspin.errors.UnspinError`
(raised or yielded as a ``Failure``); anything else is counted as a crash, by signature (exception
type and the innermost unspin frame), with the smallest input seen for it, shrunk by deleting
chunks while the signature holds. An input that runs over 10 s is a hang.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import multiprocessing as mp
import os
import random
import signal
import sys
import time
import traceback
import warnings

from .common import REPO

N_INPUTS = 1_000_000
SEED = 20261202
WORKERS = 2
ANALYZE_SHARE = 0.001  # analysis costs ~60 ms a call against ~1 ms for a read: 1,000 inputs of 1M fit the budget
BUDGET_S = 540.0
HANG_S = 10.0
STREAM_EVERY = 50
#: readers that run HTML extraction (trafilatura, ~5 ms a call against ~0.1 ms for the others) get this
#: share of the round robin, so a million inputs fit in ten minutes on two cores
SLOW_READERS = {"html": 0.1, "warc": 0.1}

# -- seeds ------------------------------------------------------------------------------------
_BODY = ("Officials said the bridge will reopen in May after repairs to the deck, the council's transport "
         "committee told residents on Monday evening. \"We expect delays,\" said Maria Alvarez, a spokeswoman.")


def _seeds() -> dict[str, list[bytes]]:
    rec = {"title": "Bridge to reopen", "text": _BODY, "url": "https://example.com/a", "published": "2024-05-01",
           "outlet": "Valley Courier", "language": "en"}
    html = (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{rec['title']}</title>"
            f"<meta property='og:site_name' content='Valley Courier'></head><body><article><h1>{rec['title']}</h1>"
            f"<p>{_BODY}</p><p>Second paragraph &amp; more.</p></article><script>var x=1;</script></body></html>")
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}".encode()
    warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/a\r\n"
            b"WARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n"
            + f"Content-Length: {len(http)}\r\n\r\n".encode() + http + b"\r\n\r\n")
    warcinfo = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 10\r\n\r\nsoftware:x\r\n\r\n"
    seeds = {
        "text": [f"{rec['title']}\n\n{_BODY}\n\nSecond paragraph.".encode(),
                 f"Title: {rec['title']}\nOutlet: Valley Courier\n\n{_BODY}".encode(), _BODY.encode("utf-16")],
        "html": [html.encode(), b"<p>" + _BODY.encode() + b"</p>"],
        "json": [json.dumps(rec).encode(), json.dumps([rec, rec]).encode(),
                 json.dumps({"articles": [rec], "meta": {"n": 1}}).encode(), json.dumps({"paragraphs": [_BODY, "x"]}).encode()],
        "jsonl": [(json.dumps(rec) + "\n" + json.dumps({**rec, "title": "Two"}) + "\n").encode()],
        "csv": [f'title,text,url\n"{rec["title"]}","{_BODY.replace(chr(34), chr(34) * 2)}",https://example.com/a\n'.encode()],
        "tsv": [f"title\ttext\turl\n{rec['title']}\t{_BODY}\thttps://example.com/a\n".encode()],
        "warc": [warcinfo + warc, warc],
    }
    ex = REPO / "examples" / "articles"
    if ex.is_dir():
        for p in sorted(ex.iterdir()):
            fmt = {".txt": "text", ".html": "html", ".json": "json"}.get(p.suffix)
            if fmt:
                seeds[fmt].append(p.read_bytes())
    seeds["gzip"] = [gzip.compress(s, mtime=0) for k in ("jsonl", "warc", "csv", "json") for s in seeds[k]]
    return seeds


# -- mutation ---------------------------------------------------------------------------------
_UNI = ("\u0000", "\ufeff", "\u200b", "\u202e", "\ud800", "\U0001f600", "\u0301", "й", "ß", "\u2028", "\r", "\x85",
        "\ufffd", "𝔘", "\u00a0", "\t", "\x1b[31m", "İ", "ﬁ", "\u0644\u0627")
_TOKENS = (b"{", b"}", b"[", b"]", b'"', b",", b":", b"\\u", b"\\ud800", b"<", b">", b"</p>", b"<!--", b"<script>",
           b"\r\n", b"\n\n", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n",
           b"\x1f\x8b", b"1e999999", b"-0", b"null", b"NaN", b"&#x0;", b"&#1114112;", b"&amp", b"\t", b'""', b"\\")


def _rand_unicode(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.3:
            out.append(rng.choice(_UNI))
        elif r < 0.6:
            out.append(chr(rng.randint(0x20, 0x7e)))
        else:
            c = rng.randint(0, 0x10FFFF)
            out.append(chr(c))
    return "".join(out)


def _nest(rng: random.Random, fmt: str) -> bytes:
    d = rng.choice((10, 100, 1000, 3000))
    if fmt in ("html", "warc"):
        return b"<div>" * d + _BODY.encode() + b"</div>" * rng.choice((0, d))
    if rng.random() < 0.5:
        return b"[" * d + b'"x"' + b"]" * rng.choice((0, d))
    return b'{"a":' * d + b"1" + b"}" * rng.choice((0, d))


def mutate(data: bytes, rng: random.Random, seeds: dict, fmt: str) -> bytes:
    b = bytearray(data)
    for _ in range(rng.choice((1, 1, 1, 2, 3, 5, 8))):
        op = rng.randrange(12)
        n = len(b)
        if op == 0 and n:  # bit flips
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(n)
                b[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # random bytes inserted
            i = rng.randint(0, n)
            b[i:i] = rng.randbytes(rng.randint(1, 16))
        elif op == 2 and n:  # delete a chunk
            i = rng.randrange(n)
            del b[i:i + rng.randint(1, 64)]
        elif op == 3 and n:  # truncate
            del b[rng.randint(0, n):]
        elif op == 4:  # splice with another seed
            other = rng.choice(rng.choice(list(seeds.values())))
            i, j = rng.randint(0, n), rng.randint(0, len(other))
            b = b[:i] + bytearray(other[j:]) if rng.random() < 0.5 else bytearray(other[:j]) + b[i:]
        elif op == 5:  # random unicode
            i = rng.randint(0, n)
            s = _rand_unicode(rng, rng.randint(1, 24))
            enc = rng.choice(("utf-8", "utf-8", "utf-16", "latin-1", "surrogatepass"))
            if enc == "surrogatepass":
                piece = s.encode("utf-8", "surrogatepass")
            else:
                piece = s.encode(enc, "ignore" if enc == "latin-1" else "surrogatepass")
            b[i:i] = piece
        elif op == 6:  # deep nesting
            i = rng.randint(0, n)
            b[i:i] = _nest(rng, fmt)
        elif op == 7 and n:  # repeat a chunk
            i = rng.randrange(n)
            chunk = b[i:i + rng.randint(1, 200)]
            b[i:i] = chunk * rng.choice((2, 10, 100))
        elif op == 8:  # structural token
            i = rng.randint(0, n)
            b[i:i] = rng.choice(_TOKENS)
        elif op == 9:  # line endings
            b = bytearray(bytes(b).replace(b"\n", rng.choice((b"\r", b"\r\n", b"\x00", b"", b"\n\n\n"))))
        elif op == 10 and n:  # set a byte to an edge value
            b[rng.randrange(n)] = rng.choice((0, 0x7f, 0x80, 0xc0, 0xed, 0xf4, 0xff))
        elif op == 11:  # empty or whitespace-only
            b = bytearray(rng.choice((b"", b" ", b"\n", b"\xef\xbb\xbf", b"\x1f\x8b", b"{}", b"[]", b"WARC/1.0")))
    out = bytes(b)
    r = rng.random()
    if r < 0.05:
        out = gzip.compress(out, mtime=0)
    elif r < 0.07 and out:
        z = bytearray(gzip.compress(out, mtime=0))
        z[rng.randrange(len(z))] ^= 1 << rng.randrange(8)
        out = bytes(z)
    return out[:8192]


def generate(seed: int, i: int, seeds: dict) -> tuple[str, bytes]:
    """(format of the seed it came from, bytes) of input ``i``."""
    rng = random.Random(f"{seed}:{i}")
    fmt = rng.choice(sorted(seeds))
    data = rng.choice(seeds[fmt])
    if rng.random() < 0.03:  # a pure random input now and then
        return fmt, rng.randbytes(rng.randint(0, 512))
    return fmt, mutate(data, rng, seeds, fmt)


# -- targets ----------------------------------------------------------------------------------
class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang(f"over {HANG_S:.0f} s")


def _targets():
    """(name -> callable(data) that consumes the reader's output) and how the readers were found."""
    from unspin.errors import UnspinError
    from unspin.ingest import FieldMap, IngestStats, read_stream
    from unspin.settings import load_settings

    settings = load_settings()
    try:
        from unspin.hookspecs import load
        from unspin.ingest.readers import ReadContext

        regs = load("unspin.readers")
        how = f"unspin.hookspecs.load('unspin.readers'): {', '.join(regs)}"

        def reader_target(r):
            def call(data):
                ctx = ReadContext(FieldMap(), settings, IngestStats())
                for r_ in regs.values():
                    r_.sniff(data[:4096])
                return _drain(r.read("<fuzz>", data, ctx))
            return call
        targets = {f"read:{n}": reader_target(r) for n, r in regs.items()}
    except (ImportError, UnspinError):  # readers not registered yet: the stream API for each format
        try:
            from unspin.ingest import INPUT_FORMATS as formats
        except (ImportError, UnspinError):
            formats = ("text", "html", "json", "jsonl", "csv", "tsv", "warc")
        how = f"unspin.ingest.read_stream(fmt) for {', '.join(formats)} (readers not registered)"

        def stream_target(fmt):
            return lambda data: _drain(read_stream(io.BytesIO(data), "<fuzz>", fmt, fields=FieldMap(), settings=settings))
        targets = {f"read_stream:{f}": stream_target(f) for f in formats}
    stream = lambda data: _drain(read_stream(io.BytesIO(data), "<fuzz>", None, fields=FieldMap(), settings=settings))  # noqa: E731
    return targets, stream, how


def _drain(items) -> int:
    from unspin.ingest import Failure, RawArticle

    n = 0
    for it in items:
        if not isinstance(it, (RawArticle, Failure)):
            raise TypeError(f"reader yielded {type(it).__name__}, not RawArticle or Failure")
        if isinstance(it, Failure) and not _expected(getattr(it, "error", None)):
            raise TypeError(f"Failure holds {type(getattr(it, 'error', None)).__name__}, not an UnspinError")
        n += 1
    return n


def _expected(e) -> bool:
    from unspin.errors import UnspinError

    return isinstance(e, UnspinError)


def _analyze_bytes(data):
    import unspin

    unspin.analyze(data)


def _analyze_str(data):
    import unspin

    unspin.analyze(data.decode("utf-8", "replace"))


def signature(e: BaseException) -> str:
    tb = traceback.extract_tb(e.__traceback__)
    frame = next((f for f in reversed(tb) if "/unspin/" in f.filename.replace(os.sep, "/")), tb[-1] if tb else None)
    where = f"{frame.filename.replace(os.sep, '/').split('/unspin/')[-1]}:{frame.lineno} ({frame.name})" if frame else "?"
    return f"{type(e).__name__} at {where}"


def _call(fn, data) -> str | None:
    """None when fn(data) ends normally or with an UnspinError, else the crash signature."""
    signal.setitimer(signal.ITIMER_REAL, HANG_S)
    try:
        fn(data)
    except _Hang:
        return f"hang (over {HANG_S:.0f} s)"
    except Exception as e:
        if _expected(e):
            return None
        return signature(e)
    except RecursionError as e:  # pragma: no cover (a subclass of Exception; kept for clarity)
        return signature(e)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return None


def shrink(fn, data: bytes, sig: str, tries: int = 300) -> bytes:
    """A smaller input with the same crash signature (chunk deletion, largest chunks first)."""
    best = data
    if sig.startswith("hang"):  # every try would cost the full hang time
        return best
    chunk = max(1, len(best) // 2)
    while chunk >= 1 and tries > 0:
        i, changed = 0, False
        while i < len(best) and tries > 0:
            cand = best[:i] + best[i + chunk:]
            tries -= 1
            if _call(fn, cand) == sig:
                best, changed = cand, True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    return best


# -- workers ----------------------------------------------------------------------------------
def schedule(targets: dict) -> list[str]:
    """The round robin of reader targets: each reader 10 slots, the slow HTML-extracting ones fewer."""
    out = []
    for name in sorted(targets):
        out += [name] * max(1, round(10 * SLOW_READERS.get(name.split(":", 1)[1], 1.0)))
    return out


def _work(args) -> dict:
    wid, seed, start, stop, share, deadline = args
    warnings.simplefilter("ignore")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # warcio prints its own warnings straight to stderr
    import logging

    logging.disable(logging.CRITICAL)
    signal.signal(signal.SIGALRM, _alarm)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    seeds = _seeds()
    targets, stream, _ = _targets()
    names = schedule(targets)
    crashes: dict[str, dict] = {}
    calls = {"read": 0, "stream": 0, "analyze": 0}
    per_reader: dict[str, int] = {}
    done = 0
    every = max(1, round(1 / share)) if share > 0 else 0

    def record(sig, target, fn, data, i):
        c = crashes.setdefault(sig, {"count": 0, "target": target, "index": i, "input": data, "fn": fn})
        c["count"] += 1
        if len(data) < len(c["input"]):
            c.update(target=target, index=i, input=data, fn=fn)

    for i in range(start, stop):
        if (i - start) % 256 == 0 and time.time() > deadline:
            break
        fmt, data = generate(seed, i, seeds)
        name = names[i % len(names)]
        fn = targets[name]
        sig = _call(fn, data)
        calls["read"] += 1
        per_reader[name] = per_reader.get(name, 0) + 1
        if sig:
            record(sig, name, fn, data, i)
        if i % STREAM_EVERY == 0:
            calls["stream"] += 1
            sig = _call(stream, data)
            if sig:
                record(sig, "read_stream:sniffed", stream, data, i)
        if every and i % every == every // 2:
            for tname, afn in (("analyze:bytes", _analyze_bytes), ("analyze:str", _analyze_str)):
                calls["analyze"] += 1
                sig = _call(afn, data)
                if sig:
                    record(sig, tname, afn, data, i)
        done += 1
    out = {}
    for sig, c in crashes.items():
        small = shrink(c["fn"], c["input"], sig)
        out[sig] = {"count": c["count"], "target": c["target"], "index": c["index"], "input_len": len(c["input"]),
                    "minimal_input": small[:300].decode("latin-1").encode("unicode_escape").decode("ascii"),
                    "minimal_len": len(small)}
    return {"worker": wid, "done": done, "calls": calls, "per_reader": per_reader, "crashes": out}


def run(n: int = N_INPUTS, seed: int = SEED, workers: int = WORKERS, share: float = ANALYZE_SHARE,
        budget_s: float = BUDGET_S) -> dict:
    _, _, how = _targets()
    t = time.time()
    deadline = t + budget_s
    step = -(-n // workers)
    jobs = [(w, seed, w * step, min(n, (w + 1) * step), share, deadline) for w in range(workers)]
    if hasattr(os, "sched_setaffinity"):  # an earlier benchmark of this process may have pinned it to one core
        try:
            os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
        except OSError:
            pass
    ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
    with ctx.Pool(workers) as pool:
        parts = pool.map(_work, jobs)
    elapsed = time.time() - t
    crashes: dict[str, dict] = {}
    for p in parts:
        for sig, c in p["crashes"].items():
            cur = crashes.get(sig)
            if cur is None:
                crashes[sig] = dict(c)
            else:
                cur["count"] += c["count"]
                if c["minimal_len"] < cur["minimal_len"]:
                    cur.update({k: v for k, v in c.items() if k != "count"})
    done = sum(p["done"] for p in parts)
    calls = {k: sum(p["calls"][k] for p in parts) for k in ("read", "stream", "analyze")}
    per_reader: dict[str, int] = {}
    for p in parts:
        for k, v in p["per_reader"].items():
            per_reader[k] = per_reader.get(k, 0) + v
    return {"name": "fuzzing readers and analyze", "command": f"python -m benchmarks.bench_fuzz --seed {seed}",
            "seed": seed, "requested": n, "inputs": done, "completed": done >= n, "workers": workers,
            "seconds": round(elapsed, 1), "inputs_per_s": round(done / elapsed), "calls": calls,
            "per_reader": dict(sorted(per_reader.items())),
            "analyze_share": share, "targets": how, "unexpected_exceptions": sum(c["count"] for c in crashes.values()),
            "crashes": dict(sorted(crashes.items(), key=lambda kv: -kv[1]["count"]))}


def render_md(r: dict) -> str:
    """Markdown section for docs/benchmarks.md."""
    out = ["## Fuzzing: readers and `unspin.analyze`", "",
           f"`{r['command']}` ({r['workers']} processes). Targets: {r['targets']}; every input through every "
           f"reader's `sniff` and one reader's `read` (round robin; `html` and `warc`, which run HTML extraction, "
           f"a tenth of the others' share: read calls per reader: "
           f"{', '.join(f'{k.split(chr(58))[-1]} {v:,}' for k, v in r.get('per_reader', {}).items())}), every {STREAM_EVERY}th through `read_stream` "
           f"with sniffing, {r['analyze_share']:.1%} through `unspin.analyze` as bytes and as str. An unexpected "
           "exception is anything that is not an `unspin.errors.UnspinError` (raised, or held by a yielded "
           f"`Failure`); a call over {HANG_S:.0f} s is a hang.", "",
           "| seed | inputs | time | inputs/s | read calls | read_stream calls | analyze calls | unexpected exceptions | distinct signatures |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
           f"| {r['seed']} | {r['inputs']:,}{'' if r['completed'] else ' (budget ran out before ' + format(r['requested'], ',') + ')'} "
           f"| {r['seconds']} s | {r['inputs_per_s']:,} | {r['calls']['read']:,} | {r['calls']['stream']:,} | "
           f"{r['calls']['analyze']:,} | {r['unexpected_exceptions']:,} | {len(r['crashes'])} |", ""]
    if r["crashes"]:
        out += ["| signature | count | target | input # | shrunk input (escaped, first 300 bytes) |",
                "| --- | --- | --- | --- | --- |"]
        for sig, c in r["crashes"].items():
            shown = c["minimal_input"][:120].replace("|", "\\|").replace("`", "'")
            out.append(f"| `{sig}` | {c['count']:,} | {c['target']} | {c['index']} | `{shown}` ({c['minimal_len']} bytes) |")
        out += ["", f"Replay one: `python -m benchmarks.bench_fuzz --seed {r['seed']} --replay INPUT_NUMBER`.", ""]
    return "\n".join(out)


def replay(seed: int, i: int) -> int:
    signal.signal(signal.SIGALRM, _alarm)
    fmt, data = generate(seed, i, _seeds())
    targets, stream, _ = _targets()
    names = schedule(targets)
    print(f"input {i} (from a {fmt} seed, {len(data)} bytes): {data[:200]!r}", file=sys.stderr)
    for name, fn in [(names[i % len(names)], targets[names[i % len(names)]]), ("read_stream:sniffed", stream),
                     ("analyze:bytes", _analyze_bytes), ("analyze:str", _analyze_str)]:
        try:
            fn(data)
            print(f"{name}: ok", file=sys.stderr)
        except Exception as e:
            print(f"{name}: {'expected' if _expected(e) else 'CRASH'} {type(e).__name__}: {e}", file=sys.stderr)
            if not _expected(e):
                traceback.print_exc()
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", type=int, default=N_INPUTS)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--workers", type=int, default=WORKERS)
    ap.add_argument("--analyze-share", type=float, default=ANALYZE_SHARE)
    ap.add_argument("--budget-s", type=float, default=BUDGET_S, help="stop generating after this many seconds")
    ap.add_argument("--replay", type=int, help="rerun one input by its number and print what each target does")
    ap.add_argument("--md", action="store_true", help="print the Markdown section instead of JSON")
    a = ap.parse_args()
    if a.replay is not None:
        sys.exit(replay(a.seed, a.replay))
    res = run(a.inputs, a.seed, a.workers, a.analyze_share, a.budget_s)
    print(render_md(res) if a.md else json.dumps(res, indent=2, ensure_ascii=False))
