"""Every data file is read through the resources search path, so ``--resources DIR`` overrides
any of them: a full pipeline run opens no package resource file that ``Resources.path`` did not
hand out, and an override of each kind of file (plain JSON, gzip JSON, a file a derivation is
cached from) changes what the analyzers see."""

from __future__ import annotations

import builtins
import gzip
import io
import json
import shutil
from pathlib import Path

import pytest

import unspin
from unspin import PipelineSpec
from unspin.analyzers import registry
from unspin.resources import Resources, _load_json
from unspin.settings import load_settings

PKG_RES = (Path(unspin.__file__).parent / "resources").resolve()
TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "laundered.txt").read_text(encoding="utf-8")


def _clear():
    _load_json.cache_clear()
    registry.instance.cache_clear()
    unspin.pipeline._build.cache_clear()


@pytest.fixture
def spy(monkeypatch, tmp_path):
    """Record package resource files opened, and the paths Resources.path handed out."""
    monkeypatch.setenv("UNSPIN_CACHE_DIR", "")  # read the files themselves, not a parsed cache
    opened, handed = set(), set()
    real_open, real_gzip, real_io = builtins.open, gzip.open, io.open
    real_path = Resources.path

    def note(f):
        try:
            p = Path(f).resolve()
        except TypeError:
            return
        if PKG_RES in p.parents:
            opened.add(p)

    def o(f, *a, **k):
        note(f)
        return real_open(f, *a, **k)

    def g(f, *a, **k):
        note(f)
        return real_gzip(f, *a, **k)

    def rp(self, name):
        p = real_path(self, name)
        handed.add(Path(p).resolve())
        return p

    monkeypatch.setattr(builtins, "open", o)
    monkeypatch.setattr(io, "open", o)
    monkeypatch.setattr(gzip, "open", g)
    monkeypatch.setattr(Resources, "path", rp)
    _clear()
    yield opened, handed
    monkeypatch.setattr(builtins, "open", real_open)
    monkeypatch.setattr(io, "open", real_io)
    _clear()


def test_every_resource_file_comes_through_the_search_path(spy):
    opened, handed = spy
    unspin.analyze(TEXT)
    assert opened, "the spy saw no resource file opened at all"
    stray = sorted(str(p.relative_to(PKG_RES)) for p in opened - handed)
    assert stray == [], f"resource files read around the search path (a --resources override is ignored): {stray}"


def test_the_spy_would_see_a_file_read_by_path(spy):
    opened, handed = spy
    with open(PKG_RES / "verdict" / "weights.json", encoding="utf-8") as fh:
        fh.read(1)
    assert opened - handed


def _user_dir(tmp_path, name, edit):
    dst = tmp_path / "res" / name
    dst.parent.mkdir(parents=True)
    src = PKG_RES / name
    if name.endswith(".gz"):
        with gzip.open(src, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        edit(data)
        with gzip.open(dst, "wt", encoding="utf-8") as fh:
            json.dump(data, fh)
    else:
        data = json.loads(src.read_text(encoding="utf-8"))
        edit(data)
        dst.write_text(json.dumps(data), encoding="utf-8")
    return str(tmp_path / "res")


def _report(res_dir=None, analyzers=()):
    settings = load_settings(resources=[res_dir] if res_dir else None)
    return PipelineSpec(analyzers=analyzers, settings=settings).build().analyze_text(TEXT)


def test_override_a_plain_json_file(tmp_path, monkeypatch):
    """verdict/weights.json: thresholds set so high that nothing is laundered."""
    monkeypatch.setenv("UNSPIN_CACHE_DIR", "")
    _clear()
    assert _report().verdict.label == "likely_laundered"

    def edit(d):
        d["labels"] = {"likely_laundered": 1.01, "suspicious": 1.01}

    assert _report(_user_dir(tmp_path, "verdict/weights.json", edit)).verdict.label in ("no_strong_signals", "not_enough_text")
    _clear()


def test_override_with_a_shutil_copy_changes_nothing(tmp_path, monkeypatch):
    """A verbatim copy of every file in a user directory gives the same report (the override path
    itself does not change behaviour)."""
    monkeypatch.setenv("UNSPIN_CACHE_DIR", "")
    _clear()
    shutil.copytree(PKG_RES, tmp_path / "res", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    a, b = _report(), _report(str(tmp_path / "res"))
    da, db = a.to_dict(), b.to_dict()
    da.pop("timings_ms"), db.pop("timings_ms")
    assert da == db
    _clear()


def test_with_a_full_user_copy_no_package_file_is_read(spy, tmp_path):
    """A user directory holding every resource file: a run must read all of them there and none
    from the package (a reader that asked ``Resources(())`` would still get the package's copy:
    language detection did, until this test)."""
    from click.testing import CliRunner

    from unspin.cli import main

    opened, handed = spy
    user = tmp_path / "res"
    shutil.copytree(PKG_RES, user, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Port reopens</title></head><body><article><p>"
                    + "The port reopened on Monday after repairs, the harbour master said. " * 12
                    + "</p></article></body></html>", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text(TEXT, encoding="utf-8")
    opened.clear()  # the copy itself opened every package file
    handed.clear()
    r = CliRunner().invoke(main, ["analyze", "--resources", str(user), "-f", "json", str(text), str(page)])
    assert r.exit_code == 0, r.output
    assert handed, "nothing was looked up"
    assert sorted(str(p.relative_to(PKG_RES)) for p in opened) == []
