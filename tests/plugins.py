"""Installing a real (tiny) third-party distribution for plugin tests: a module plus a
``*.dist-info`` folder with METADATA and entry_points.txt, found by importlib.metadata exactly as
a pip-installed plugin is once its folder is on sys.path."""

from __future__ import annotations

from pathlib import Path


def install_distribution(path: Path, dist: str, module: str, source: str, group: str,
                         entries: dict[str, str]) -> None:
    """Write ``module``.py (``source``) and the dist-info of ``dist`` declaring ``entries``
    (name -> "module:attr") under entry-point ``group`` into ``path``."""
    (path / f"{module}.py").write_text(source)
    info = path / f"{dist.replace('-', '_')}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n")
    lines = "\n".join(f"{k} = {v}" for k, v in entries.items())
    (info / "entry_points.txt").write_text(f"[{group}]\n{lines}\n")
