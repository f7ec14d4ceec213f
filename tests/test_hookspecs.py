"""Every extension point is listed in hookspecs.py, and the built-ins come through them."""

import tomllib
from pathlib import Path

import pytest

from unspin import PluginError, hookspecs

PYPROJECT = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_entry_point_group_of_the_project_is_in_hookspecs():
    groups = set(PYPROJECT["project"]["entry-points"])
    assert groups <= set(hookspecs.GROUPS), groups - set(hookspecs.GROUPS)
    for g in (hookspecs.ANALYZERS, hookspecs.READERS, hookspecs.RENDERERS, hookspecs.STORES):
        assert g in hookspecs.GROUPS


@pytest.mark.parametrize("group", [hookspecs.ANALYZERS, hookspecs.READERS, hookspecs.RENDERERS])
def test_built_ins_load_through_their_group(group):
    loaded = hookspecs.load(group)
    declared = PYPROJECT["project"]["entry-points"][group]
    assert set(declared) <= set(loaded)
    for obj in loaded.values():
        for attr in hookspecs.GROUPS[group]:
            assert hasattr(obj, attr)


def test_unknown_group_is_a_plugin_error():
    with pytest.raises(PluginError, match="unknown entry-point group 'unspin.nope'"):
        hookspecs.load("unspin.nope")
