"""Persuasion techniques in the article's wording (kinds ``persuasion.*``).

Runs the linear models of :mod:`unspin.models.persuasion` (trained on PTC, SemEval-2020 Task 11, English
news): a token tagger, a span scorer over candidate spans (runs of likely tokens, clauses, whole
sentences) that gives each the probability of being a persuasion span, then a classifier that
names the technique of each kept span. Technique names and categories come from
``persuasion/taxonomy.json`` (the SemEval-2023 Task 3 scheme; the 14 PTC classes map onto it, two
of them covering several 2023 techniques); weights from ``persuasion/model.json``.

One finding per reported span, kind ``persuasion.<technique>`` (e.g. ``persuasion.loaded_language``),
evidence = the span, confidence = span probability x technique probability; ``data`` has the
SemEval-2023 technique name(s) and category, the span probability, the PTC class, the number of
spans kept at the model's F1-optimal span threshold (``total_spans``) and, for the
:data:`MAX_CLASSIFIED` most probable ones that were classified, their count per kind
(``classified_by_kind``).

What is reported (the F1-optimal threshold keeps many weak spans: cross-validated span precision
about 0.27 there): a span at or above the model's *reporting* threshold (``report_threshold`` in
the model file: the lowest scorer threshold whose cross-validated span precision reaches 0.5) is
``low``; below it a span is shown only as ``info`` and only when it has two content words or more
and a technique probability of at least :data:`LONE_TECHNIQUE_P` (a lone common word such as
"take" is noise to a reader); a span made only of function words is never shown. ``medium`` only
when the technique is one of the ``medium_eligible`` PTC classes of the taxonomy (attacks on
people, fear and prejudice, flag waving, false dilemmas, distraction, bandwagon/reductio) **and**
the technique probability is at least :data:`MEDIUM_TECHNIQUE_P` **and** the span clears the
reporting threshold and :data:`MEDIUM_SPAN_P`. At most :data:`MAX_FINDINGS` findings per article
(the strongest by span x technique probability, among the :data:`MAX_CLASSIFIED` most probable
spans).

Trade-offs: English only (articles whose language is known and not English are skipped); PTC
annotators disagree often, so single findings are hints for a reader, not verdicts (cross-validated
technique micro-F1 0.602, span F1 0.357, see ``benchmarks/bench_persuasion.py``); scoring every
candidate span costs about 0.1-0.2 ms each (10-25 ms for a 600-word article, against about 4 ms
for the earlier run decoder); a linear model over hashed n-grams cannot see irony or argument
structure.
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import ResourceError
from ..models.persuasion import Lexicon, PersuasionModel, nesting, select_spans
from ..report.model import Finding, Span
from .base import Analyzer, resources_of

MAX_FINDINGS = 15
#: candidate spans classified per article (the most probable spans first); keeps long articles fast
MAX_CLASSIFIED = 20
MEDIUM_TECHNIQUE_P = 0.8
#: span probability needed (besides the model's reporting threshold) for ``medium``
MEDIUM_SPAN_P = 0.5
#: below the model's reporting threshold a span is shown (``info``) only with two content words
#: or more and at least this technique probability
LONE_TECHNIQUE_P = 0.35
#: spans longer than this many characters are not reported (a run-away whole paragraph)
MAX_SPAN_CHARS = 600


def _label(name: str) -> str:
    return name.replace("_", " ").replace("-", " / ").replace(",", " / ")


class PersuasionAnalyzer(Analyzer):
    name = "persuasion"
    version = "2"
    description = "Persuasion techniques (loaded language, name calling, flag waving, doubt, fear...) found by a model trained on PTC."
    needs = frozenset({"title", "text", "sentences", "language"})
    produces = (
        "persuasion.loaded_language", "persuasion.name_calling", "persuasion.repetition",
        "persuasion.exaggeration_minimisation", "persuasion.casting_doubt", "persuasion.appeal_to_fear",
        "persuasion.flag_waving", "persuasion.causal_oversimplification", "persuasion.slogans",
        "persuasion.appeal_to_authority", "persuasion.false_dilemma", "persuasion.conversation_killer",
        "persuasion.whataboutism_straw_man_red_herring", "persuasion.bandwagon_reductio_ad_hitlerum",
    )

    def setup(self, ctx) -> None:
        self._context = ctx
        resources = resources_of(ctx)
        stop = resources.json("english/function_words.json")["stop"]
        # a span needs a word of 4+ letters that is not a function word to be worth reporting
        self.content = re.compile(r"\b(?!(?:" + "|".join(map(re.escape, stop)) + r")\b)[A-Za-z]{4,}", re.IGNORECASE)
        tax = resources.json("persuasion/taxonomy.json")
        d = resources.json("persuasion/model.json")
        self.model = PersuasionModel(d, Lexicon.from_resources(resources))
        self.resource = f"persuasion/model.json@{d['provenance'].get('version', '?')}"
        self.techniques = tax["techniques"]
        self.ptc = tax["ptc"]
        missing = [c for c in self.model.classes if c not in self.ptc]
        if missing:
            raise ResourceError(f"persuasion/model.json classes missing from the taxonomy: {missing}")
        # optional: a local fine-tuned transformer names the technique of each span
        from ..models.persuasion_transformer import TransformerTechniqueClassifier

        settings = getattr(ctx, "settings", None)
        path = (settings.persuasion_model if settings is not None else None) or ""
        self.hf = TransformerTechniqueClassifier(path, set(self.ptc)) if path else None
        self.classifier = self.hf.name if self.hf else "linear (persuasion/model.json)"

    def spans(self, doc) -> tuple[int, list[tuple[str, int, int, float, str, float]]]:
        """(number of spans kept at the model's F1-optimal span threshold, the :data:`MAX_CLASSIFIED`
        most probable of them classified as (field, start, end, span probability, PTC class,
        technique probability))."""
        # one string for the model: the title, a newline, the body (offsets shifted back below)
        shift = len(doc.title) + 1
        units = [(0, len(doc.title))] if doc.title.strip() else []
        units += [(s.start + shift, s.end + shift) for s in doc.sentences]
        art = self.model.article(doc.title + "\n" + doc.text, units)
        probs = self.model.token_probs(art)
        scored = [c for c in self.model.score_candidates(art, probs) if c[1] - c[0] <= MAX_SPAN_CHARS]
        kept = select_spans(scored, self.model.sc_threshold)
        top = kept[:MAX_CLASSIFIED]  # best first
        wording = Counter(art.text[s:e].lower().strip() for s, e, _ in kept)
        bounds = [(s, e) for s, e, _ in kept]
        out = []
        if self.hf is not None:
            def sentence(s, e):
                return next((art.text[a:b] for a, b in units if a <= s < b), art.text[s:e])

            named = self.hf.classify([(art.text[s:e], sentence(s, e)) for s, e, _ in top])
        for k, (s, e, p) in enumerate(top):
            if self.hf is not None:
                cls, pt = named[k]
            else:
                pr = self.model.classify(art.span_features(s, e, wording[art.text[s:e].lower().strip()] - 1,
                                                           nesting(s, e, bounds)))
                j = int(pr.argmax())
                cls, pt = self.model.classes[j], float(pr[j])
            fld, off = ("title", 0) if s < shift else ("text", shift)
            out.append((fld, s - off, e - off, p, cls, pt))
        return len(kept), out

    def analyze(self, doc):
        if doc.language not in ("en", "und"):
            return
        total, found = self.spans(doc)
        if not found:
            return
        by_class = Counter(c for *_, c, _ in found)
        strongest = sorted(found, key=lambda h: -(h[3] * h[5]))[:MAX_FINDINGS]
        report = self.model.sc_report
        for fld, s, e, p_span, cls, p_tech in sorted(strongest, key=lambda h: (h[0] != "title", h[1])):
            words = self.content.findall(doc.field(fld)[s:e])
            if not words:
                continue  # a lone function word ("the", "at") is not a technique anyone can check
            if p_span < report and (len(words) < 2 or p_tech < LONE_TECHNIQUE_P):
                # below the reporting threshold only multi-word spans with a clear technique are
                # shown (info): a lone common word ("take", "listens") is noise to a reader
                continue
            m = self.ptc[cls]
            techs = m["techniques"]
            cats = sorted({self.techniques[t]["category"] for t in techs})
            medium = m["medium_eligible"] and p_tech >= MEDIUM_TECHNIQUE_P and p_span >= max(report, MEDIUM_SPAN_P)
            text = doc.field(fld)[s:e]
            tech_label = " / ".join(_label(t) for t in techs)
            desc = self.techniques[techs[0]]["description"]
            # below the reporting threshold (cross-validated span precision < 0.5) a span is a
            # description of possible framing (info), not a finding to weigh
            severity = "medium" if medium else ("low" if p_span >= report else "info")
            yield Finding(
                kind=m["kind"], severity=severity, confidence=round(p_tech * p_span, 4),
                message=(f"Persuasion technique: {tech_label} ({' / '.join(cats)}), technique probability "
                         f"{p_tech:.2f}, span probability {p_span:.2f}: “{text}”. {desc} Framing context, not evidence of laundering."),
                evidence=[Span(fld, s, e, text)],
                data={"technique": techs[0] if len(techs) == 1 else " / ".join(techs), "techniques": techs,
                      "category": " / ".join(cats), "ptc_class": cls, "span_probability": round(p_span, 4),
                      "total_spans": total, "classified_by_kind": {self.ptc[c]["kind"]: n for c, n in sorted(by_class.items())},
                      "resource": self.resource, "classifier": self.classifier},
            )
