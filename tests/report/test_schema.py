import json

import jsonschema
import pytest

import unspin
from unspin.report.schema import report_schema, validate_report


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(report_schema())
    assert report_schema()["$id"] == "unspin.report/1"


def test_reports_validate(fixtures):
    for name in ("laundered.txt", "clean.txt", "page.html"):
        d = unspin.analyze(fixtures / name).to_dict()
        validate_report(d)
        assert d["schema"] == "unspin.report/1"
        assert set(d) >= {"tool", "article", "verdict", "findings", "entities", "attributions", "timings_ms"}


def test_include_text_still_validates(fixtures):
    d = json.loads(unspin.analyze(fixtures / "clean.txt").to_json(include_text=True))
    validate_report(d)
    assert d["article"]["text"].startswith("The Cedar Valley")


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(schema="unspin.report/2"),
        lambda d: d["verdict"].update(label="maybe"),
        lambda d: d["verdict"].update(score=1.5),
        lambda d: d["findings"][0].update(severity="critical"),
        lambda d: d["findings"][0].update(kind="NoDots"),
        lambda d: d["findings"][0]["evidence"][0].pop("text"),
        lambda d: d["findings"][0]["evidence"][0].update(field="body"),
        lambda d: d["findings"][0]["evidence"][0].update(start=99, end=3),
        lambda d: d["article"].pop("id"),
    ],
)
def test_schema_rejects_broken_reports(fixtures, mutate):
    d = unspin.analyze(fixtures / "laundered.txt").to_dict()
    mutate(d)
    with pytest.raises(jsonschema.ValidationError):
        validate_report(d)


def test_evidence_spans_point_into_the_article(fixtures):
    r = unspin.analyze(fixtures / "laundered.txt")
    assert r.findings
    for f in r.findings:
        for s in f.evidence:
            src = r.title if s.field == "title" else r.text
            assert src[s.start : s.end] == s.text
