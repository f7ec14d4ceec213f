"""Optional transformer technique classifier for the persuasion analyzer (extra ``[transformers]``).

The default install classifies persuasion spans with the linear model of :mod:`unspin.models.persuasion`
(cross-validated technique micro-F1 0.602 on PTC; fine-tuned transformers reached about 0.62-0.64
in SemEval-2020 Task 11). Users who have a fine-tuned model on disk can point unspin at it:

    pip install 'unspin[transformers]'          # transformers + torch (CPU build works)
    UNSPIN_PERSUASION_MODEL=/models/ptc-roberta unspin analyze article.txt

The directory must hold a Hugging Face *sequence-classification* model and its tokenizer, saved
with ``save_pretrained``; its ``config.id2label`` names must be PTC technique classes (the keys of
``persuasion/taxonomy.json``'s ``ptc`` table, e.g. ``Loaded_Language``). Input: the span text and
its sentence as a text pair, as in the usual SemEval-2020 Task 11 TC setup. Nothing is ever
downloaded (``local_files_only``). The span finder stays the CPU model; only the technique of
each span comes from the transformer, and each finding says which classifier named it
(``data.classifier``).

Trade-off: a transformer is slower than the linear model (unmeasured here: unspin ships no
fine-tuned model to time) and heavier (torch), and unspin
does not ship or train one; it is a path for users who have one.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ResourceError

__all__ = ["TransformerTechniqueClassifier", "ENV_VAR"]

ENV_VAR = "UNSPIN_PERSUASION_MODEL"


class TransformerTechniqueClassifier:
    """Technique of (span, sentence) pairs from a local sequence-classification model."""

    def __init__(self, path: str, known_classes: set[str]):
        p = Path(path)
        if not p.is_dir():
            raise ResourceError(f"{ENV_VAR}={path}: not a directory (a saved Hugging Face model is expected)")
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as e:
            raise ResourceError(f"{ENV_VAR}={path}: the transformer path needs the [transformers] extra "
                                f"(pip install 'unspin[transformers]'): {e}") from None
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(p), local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(str(p), local_files_only=True).eval()
        except (OSError, ValueError) as e:
            raise ResourceError(f"{ENV_VAR}={path}: cannot load a sequence-classification model: {e}") from None
        n = self.model.config.num_labels
        self.labels = [self.model.config.id2label[i] for i in range(n)]
        unknown = [x for x in self.labels if x not in known_classes]
        if unknown:
            raise ResourceError(f"{ENV_VAR}={path}: labels {unknown} are not PTC technique classes "
                                f"(expected names such as {sorted(known_classes)[:3]})")
        self.torch = torch
        self.name = f"transformer:{p.name}"

    def classify(self, pairs: list[tuple[str, str]]) -> list[tuple[str, float]]:
        """(PTC class, probability) for each (span, sentence) pair."""
        if not pairs:
            return []
        enc = self.tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation=True, max_length=256,
                             padding=True, return_tensors="pt")
        with self.torch.no_grad():
            probs = self.torch.softmax(self.model(**enc).logits, dim=-1)
        out = []
        for row in probs:
            j = int(row.argmax())
            out.append((self.labels[j], float(row[j])))
        return out
