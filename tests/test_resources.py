import pytest

from unspin import ResourceError
from unspin.resources import Resources, _load_json, cache_dir


def test_every_shipped_resource_has_provenance():
    from importlib import resources as ir

    root = ir.files("unspin.resources")
    names = [p for p in _walk(root) if p.endswith((".json", ".json.gz"))]
    assert len(names) >= 15
    r = Resources(())
    for n in names:
        d = r.json(n)
        assert "provenance" in d and d["provenance"], n


def _walk(root, prefix=""):
    for p in root.iterdir():
        if p.is_dir():
            yield from _walk(p, f"{prefix}{p.name}/")
        else:
            yield f"{prefix}{p.name}"


def test_large_resources_are_cached_and_the_cache_is_safe(tmp_path, monkeypatch):
    monkeypatch.setenv("UNSPIN_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    r = Resources(())
    _load_json.cache_clear()
    first = r.json("translation/translit_index.json")
    files = list(tmp_path.glob("translit_index.json.*.marshal"))
    assert len(files) == 1
    _load_json.cache_clear()
    assert r.json("translation/translit_index.json") == first
    files[0].write_bytes(b"garbage")  # a broken cache is ignored, the file is parsed again
    _load_json.cache_clear()
    assert r.json("translation/translit_index.json") == first
    _load_json.cache_clear()


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("UNSPIN_CACHE_DIR", "")
    assert cache_dir() is None


def test_user_directory_overrides_and_bad_files(tmp_path):
    (tmp_path / "headline").mkdir()
    (tmp_path / "headline" / "cues.json").write_text("{not json")
    with pytest.raises(ResourceError, match="not valid JSON"):
        Resources((str(tmp_path),)).json("headline/cues.json")
    (tmp_path / "headline" / "cues.json").write_text('{"no": "provenance"}')
    _load_json.cache_clear()
    with pytest.raises(ResourceError, match="provenance"):
        Resources((str(tmp_path),)).json("headline/cues.json")
    with pytest.raises(ResourceError, match="not found"):
        Resources(()).json("nope/missing.json")
