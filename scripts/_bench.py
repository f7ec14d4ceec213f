"""The shared-data helpers of ``benchmarks/common.py`` for the resource-building scripts.

Scripts run as ``python scripts/NAME.py`` (this folder is then first on ``sys.path``, so
``from _bench import bench_common`` works) or are loaded by a benchmark through
``benchmarks.common.load_script`` (which registers this module first). Either way the one
``benchmarks/common.py`` is used, without ``sys.path`` edits.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def bench_common():
    """``benchmarks/common.py`` as a module (the already imported one when a benchmark runs)."""
    if "benchmarks.common" in sys.modules:
        return sys.modules["benchmarks.common"]
    if "unspin_bench_common" not in sys.modules:
        path = Path(__file__).resolve().parent.parent / "benchmarks" / "common.py"
        spec = importlib.util.spec_from_file_location("unspin_bench_common", path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules["unspin_bench_common"] = mod
        spec.loader.exec_module(mod)
    return sys.modules["unspin_bench_common"]
