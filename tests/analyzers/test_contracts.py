"""Contracts every analyzer keeps, checked for every registered one.

- **Declared needs are true**: an analyzer runs on a Document that refuses every part it did not
  declare in ``needs``; the kinds it emits are among its ``produces``.
- **Re-entrant**: one set-up instance gives the same findings when called from 8 threads at once
  as when called one article at a time, and a pipeline rebuilt in a fresh worker process (spawn)
  from its pickled spec gives the same reports.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import pickle
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from unspin import Document, PipelineSpec
from unspin.analyzers import registry
from unspin.ingest import read_inputs
from unspin.ingest.normalize import normalize

REPO = Path(__file__).resolve().parents[2]
ARTICLES = sorted((REPO / "examples" / "articles").iterdir()) + sorted((REPO / "tests" / "unseen").iterdir()) + [
    REPO / "tests" / "fixtures" / "laundered.txt", REPO / "tests" / "fixtures" / "clean.txt"]

#: Document attribute -> the needs that grant it (any one of them)
GUARDED = {
    "title": {"title"}, "text": {"text"}, "language": {"language"}, "article": {"article"},
    "paragraphs": {"paragraphs"}, "sentences": {"sentences"}, "tokens": {"tokens"},
    "title_tokens": {"title_tokens"},
}


class RefusingDocument(Document):
    """A Document that raises on any part its reader did not declare (after ``guard``)."""

    def guard(self, allowed: frozenset) -> RefusingDocument:
        self.prepare(allowed)  # computed while unguarded: internal derivations may read anything
        object.__setattr__(self, "_allowed", frozenset(allowed))
        return self

    def __getattribute__(self, name):
        if name in GUARDED:
            allowed = object.__getattribute__(self, "__dict__").get("_allowed")
            if allowed is not None and not (GUARDED[name] & allowed):
                raise UndeclaredNeed(name)
        return object.__getattribute__(self, name)


class UndeclaredNeed(AssertionError):
    pass


def _docs():
    out = []
    for p in ARTICLES:
        for raw in read_inputs([str(p)]):
            if hasattr(raw, "text"):
                out.append(normalize(raw))
    assert len(out) >= 8
    return out


DOCS = _docs()


def _enabled():
    """Every analyzer that sets up here. Only those off by default (optional models such as
    ``lm``) may fail to: a default analyzer that fails must fail these tests, not drop out."""
    names = []
    for name, (info, _) in registry.available().items():
        try:
            registry.instance(name, PipelineSpec().settings)
        except Exception:
            if info.enabled_by_default:
                raise
            continue
        names.append(name)
    return names


ENABLED = _enabled()


def test_every_default_analyzer_is_checked():
    assert set(registry.select()) <= set(ENABLED) and len(ENABLED) >= 8


def _instance(name):
    return registry.instance(name, PipelineSpec().settings)


def _plain(items):
    out = []
    for f in items:
        if hasattr(f, "to_dict"):
            out.append((type(f).__name__, json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False, default=str)))
        else:
            out.append((type(f).__name__, repr(f)))
    return out


@pytest.mark.parametrize("name", ENABLED)
def test_declared_needs_are_true_and_kinds_are_produced(name):
    info, _ = registry.available()[name]
    inst = _instance(name)
    for d in DOCS:
        doc = RefusingDocument(title=d.title, text=d.text, language=d.language, article=d.article).guard(info.needs)
        try:
            produced = list(inst.analyze(doc) or ())
        except UndeclaredNeed as e:
            pytest.fail(f"analyzer {info.ident} read Document.{e} but does not declare it in needs {sorted(info.needs)}")
        for f in produced:
            kind = getattr(f, "kind", None)
            if kind is not None:
                assert kind in info.produces, f"{info.ident} emitted {kind!r}, not in produces {info.produces}"


def test_the_refusing_document_refuses():
    """The guard itself works (else the test above could not fail)."""
    d = RefusingDocument(title="T", text="One. Two.").guard(frozenset({"title"}))
    assert d.title == "T"
    with pytest.raises(UndeclaredNeed):
        _ = d.sentences
    with pytest.raises(UndeclaredNeed):
        d.field("text")


@pytest.mark.parametrize("name", ENABLED)
def test_one_instance_is_safe_in_8_threads(name):
    inst = _instance(name)
    docs = DOCS[:8]
    expected = [_plain(inst.analyze(d) or ()) for d in docs]
    barrier = threading.Barrier(8)

    def run(i):
        barrier.wait()
        got = []
        for k in range(3):  # each thread goes through all documents, starting at its own
            j = (i + k) % len(docs)
            got.append((j, _plain(inst.analyze(docs[j]) or ())))
        return got

    for _ in range(2):
        with ThreadPoolExecutor(8) as ex:
            for got in ex.map(run, range(8)):
                for j, findings in got:
                    assert findings == expected[j], f"{name}: thread result differs on document {j}"


@pytest.mark.parametrize("name", ENABLED)
def test_set_up_instances_pickle_or_rebuild(name):
    inst = _instance(name)
    clone = pickle.loads(pickle.dumps(inst))
    for d in DOCS[:3]:
        assert _plain(clone.analyze(d) or ()) == _plain(inst.analyze(d) or ())


def _reports_in_worker(spec_bytes, texts):
    spec = pickle.loads(spec_bytes)
    pipe = spec.build()
    out = []
    for t in texts:
        d = pipe.analyze_text(t).to_dict()
        d.pop("timings_ms")
        out.append(d)
    return out


def test_a_pipeline_rebuilds_in_a_spawned_worker():
    spec = PipelineSpec()
    texts = [d.title + "\n\n" + d.text for d in DOCS[:4]]
    here = _reports_in_worker(pickle.dumps(spec), texts)
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        there = pool.apply(_reports_in_worker, (pickle.dumps(spec), texts))
        # a built pipeline pickles as its spec
        there_pipe = pool.apply(_reports_in_worker, (pickle.dumps(pickle.loads(pickle.dumps(spec.build())).spec), texts))
    assert there == here and there_pipe == here


class _PerCallState:
    """Keeps the document on self during analyze: the bug the thread check is there to catch."""

    def analyze(self, doc):
        self.doc = doc
        for _ in range(200):  # give other threads time to swap self.doc
            threading.Event().wait(0.0001)
        return [self.doc.text[:20]]


def test_the_thread_check_catches_per_call_state():
    inst = _PerCallState()
    docs = DOCS[:8]
    expected = [inst.analyze(d) for d in docs]
    barrier = threading.Barrier(8)

    def run(i):
        barrier.wait()
        return inst.analyze(docs[i]) == expected[i]

    with ThreadPoolExecutor(8) as ex:
        assert not all(ex.map(run, range(8)))
