"""The settings module is the one place that reads UNSPIN_* variables, and its values are typed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import unspin
from unspin import UsageError
from unspin.settings import SETTINGS, Settings, env_name, load_settings

PKG = Path(unspin.__file__).parent
ENV_READ = re.compile(r"os\.environ|getenv\s*\(|environ\.get|environ\[")


def _offenders(root: Path) -> list[str]:
    out = []
    for p in sorted(root.rglob("*.py")):
        rel = p.relative_to(root).as_posix()
        if rel == "settings.py":
            continue
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if ENV_READ.search(line) and "setdefault" not in line:  # __init__ pins thread counts
                out.append(f"{rel}:{i}: {line.strip()}")
            if re.search(r"[\"']UNSPIN_[A-Z_]+[\"']", line) and "ENV_VAR" not in line:
                out.append(f"{rel}:{i}: {line.strip()}")
    return out


def test_only_settings_reads_the_environment():
    assert _offenders(PKG) == []


def test_the_grep_would_catch_a_stray_read(tmp_path):
    (tmp_path / "mod.py").write_text('import os\nx = os.environ.get("UNSPIN_FOO")\n')
    assert len(_offenders(tmp_path)) == 2


def test_every_setting_is_a_field_and_has_an_environment_variable():
    names = set(Settings.__dataclass_fields__)
    assert set(SETTINGS) <= names
    for name in ("db", "scheduler", "server_host", "server_port"):  # room for the corpus half
        assert name in SETTINGS


@pytest.mark.parametrize("name,raw,value", [
    ("jobs", "4", 4),
    ("max_article_bytes", "1_000", 1000),
    ("embeddings", "off", False),
    ("embeddings", "Yes", True),
    ("resources", "/a:/b", ("/a", "/b")),
    ("db", "sqlite:///x.db", "sqlite:///x.db"),
    ("persuasion_model", "", None),
    ("server_port", "9000", 9000),
])
def test_typed_values(monkeypatch, name, raw, value):
    monkeypatch.setenv(env_name(name), raw)
    assert getattr(load_settings(), name) == value


@pytest.mark.parametrize("name,raw,expect", [
    ("jobs", "many", "UNSPIN_JOBS='many': expected a whole number"),
    ("embeddings", "maybe", "UNSPIN_EMBEDDINGS='maybe': expected 1/0"),
    ("db", "not-a-url", "UNSPIN_DB='not-a-url': expected a URL"),
    ("server_port", "70000", "server_port 70000 is not a TCP port"),
])
def test_bad_values_name_the_variable(monkeypatch, name, raw, expect):
    monkeypatch.setenv(env_name(name), raw)
    with pytest.raises(UsageError) as e:
        load_settings()
    assert expect in str(e.value) and "\n" not in str(e.value)


def test_overrides_beat_the_environment(monkeypatch):
    monkeypatch.setenv("UNSPIN_JOBS", "3")
    assert load_settings(jobs=2).jobs == 2
    monkeypatch.setenv("UNSPIN_RESOURCES", "/env")
    assert load_settings(resources=["/flag"]).resources == ("/flag", "/env")
    with pytest.raises(UsageError, match="unknown setting 'nope'"):
        load_settings(nope=1)


def test_empty_cache_dir_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("UNSPIN_CACHE_DIR", "")
    assert load_settings().resolved_cache_dir() is None
    monkeypatch.setenv("UNSPIN_CACHE_DIR", str(tmp_path))
    assert load_settings().resolved_cache_dir() == tmp_path
