import json

from unspin import Document, Finding, Span
from unspin.analyzers.registry import AnalyzerInfo
from unspin.pipeline import Pipeline, entities_from
from unspin.report.schema import validate_report


class _Fake:
    def __init__(self, findings):
        self.findings = findings

    def analyze(self, doc):
        return self.findings


def _pipe(findings):
    p = Pipeline(analyzers=["headline"])
    p.infos = [AnalyzerInfo("fake", "1", "test", frozenset(), (), "x:y")]
    p.instances = [_Fake(findings)]
    return p


def test_bad_spans_are_dropped_with_a_warning():
    doc = Document(title="T", text="Hello world.")
    good = Finding("x.ok", "low", "ok", [Span("text", 0, 5, "Hello")])
    bad = Finding("x.bad", "low", "bad", [Span("text", 0, 5, "Howdy")])
    from .conftest import _orig  # the unwrapped method: the suite-wide wrapper rejects bad spans

    r = _orig(_pipe([good, bad]), doc)
    assert [f.kind for f in r.findings] == ["x.ok"] and r.findings[0].analyzer == "fake@1"
    assert r.warnings[0]["code"] == "bad_span"


def test_findings_with_a_canonical_name_become_entities():
    fs = [Finding("translation.name_variant", "medium", "m", [Span("text", 0, 9, "Zacharowa")],
                  data={"canonical": "Maria Zakharova"}),
          Finding("translation.name_variant", "medium", "m", [Span("text", 20, 29, "Sacharowa")],
                  data={"canonical": "Maria Zakharova"}),
          Finding("headline.sensational", "low", "m", [Span("title", 0, 3, "Wow")])]
    [e] = entities_from(fs)
    assert e.canonical == "Maria Zakharova" and e.label == "PERSON" and len(e.spans) == 2


def test_entities_are_in_the_report_and_valid():
    text = "Spokeswoman Zacharowa spoke."
    doc = Document(title="", text=text)
    f = Finding("translation.name_variant", "medium", "m", [Span("text", 12, 21, "Zacharowa")],
                data={"canonical": "Maria Zakharova"})
    r = _pipe([f]).analyze_document(doc)
    d = json.loads(r.to_json())
    validate_report(d)
    assert d["entities"] == [{"text": "Zacharowa", "label": "PERSON", "canonical": "Maria Zakharova",
                              "spans": [{"field": "text", "start": 12, "end": 21}]}]


def test_analyzers_may_yield_entities_and_attributions():
    from unspin import Attribution, Entity

    text = 'TASS reported that Maria Zakharova said "no".'
    doc = Document(title="", text=text)
    items = [
        Entity("Maria Zakharova", "PERSON", [Span("text", 19, 34, "Maria Zakharova")], canonical="Maria Zakharova"),
        Entity("TASS", "ORG", [Span("text", 0, 4, "TASS")]),
        Attribution("TASS", "state_media", [Span("text", 0, 4, "TASS"), Span("text", 5, 13, "reported")]),
        Attribution("Maria Zakharova", "official", [Span("text", 19, 34, "Maria Zakharova")], quote="no"),
    ]
    r = _pipe(items).analyze_document(doc)
    d = json.loads(r.to_json())
    validate_report(d)
    assert [e["text"] for e in d["entities"]] == ["Maria Zakharova", "TASS"]
    assert [a["source_kind"] for a in d["attributions"]] == ["state_media", "official"]
    assert d["attributions"][1]["quote"] == "no" and d["findings"] == []
