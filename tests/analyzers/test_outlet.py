import json
from pathlib import Path

import pytest

from tests.kb.test_outlets import tiny_registry
from unspin import Article, Document, Entity, Finding
from unspin.analyzers.outlet import OutletAnalyzer
from unspin.resources import Resources

GOLD = Path(__file__).parent.parent / "gold" / "outlet.jsonl"

# Quality gate on our own gold set (tests/gold/outlet.jsonl: 55 outlet name / URL pairs of real
# outlets, state media, influence-network and spoof domains, made-up typosquats and made-up
# "<Place> <Noun>" mastheads). A case counts as flagged when its kind is one of ALARMS; a flag is
# right when the kind is the expected one. Measured at the time of pinning: precision 0.97,
# recall 0.97, 54/55 kinds exact; the one miss counts both ways: miamiherald.news, a TLD swap
# of a label made of common words, is read as an imposter pattern, not as a lookalike.
# Lower only with a reason.
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.93
EXACT_FLOOR = 0.95
ALARMS = {"outlet.state_media", "outlet.known_network", "outlet.lookalike_domain", "outlet.imposter_pattern",
          "outlet.unreliable"}


@pytest.fixture(scope="module")
def shipped():
    a = OutletAnalyzer()
    a.setup(Resources(()))
    return a


@pytest.fixture()
def tiny(tmp_path):
    a = OutletAnalyzer()
    a.setup(tiny_registry(tmp_path))
    return a


def run(a, outlet=None, url=None, title="", text="") -> tuple[list[Finding], list[Entity]]:
    out = list(a.analyze(Document(title=title, text=text, article=Article(id="", source="<test>", outlet=outlet, url=url))))
    return [x for x in out if isinstance(x, Finding)], [x for x in out if isinstance(x, Entity)]


def check_spans(doc_title, doc_text, f):
    for s in f.evidence:
        src = doc_title if s.field == "title" else doc_text
        assert src[s.start:s.end] == s.text


def test_gold_set_precision_recall_floors(shipped):
    tp = fp = fn = exact = n = 0
    misses = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        fs, _ = run(shipped, g["outlet"], g["url"])
        got = fs[0].kind if fs else None
        n += 1
        exact += got == g["kind"]
        if got in ALARMS:
            if got == g["kind"]:
                tp += 1
            else:
                fp += 1
        if g["kind"] in ALARMS and got != g["kind"]:
            fn += 1
        if got != g["kind"]:
            misses.append((g, got))
    assert n >= 40
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    assert precision >= PRECISION_FLOOR, (precision, misses)
    assert recall >= RECALL_FLOOR, (recall, misses)
    assert exact / n >= EXACT_FLOOR, (exact / n, misses)


def test_no_metadata_no_findings(tiny):
    assert run(tiny) == ([], [])
    assert run(tiny, "  ", "") == ([], [])


def test_state_media_by_url_with_evidence_when_named_in_text(tiny):
    title, text = "Moscow says", "Officials told RT on Monday that the talks would go on."
    [f], [ent] = run(tiny, "RT", "https://www.rt.com/news/1/", title, text)
    assert f.kind == "outlet.state_media" and f.severity == "medium"
    assert f.data["entry"]["registry_id"] == "d:rt.com" and f.data["entry"]["country"] == "Russia"
    assert f.data["entry"]["sources"][0]["licence"] == "MIT"
    assert "Russia" in f.message and "rt.com" in f.message
    assert [s.text for s in f.evidence] == ["RT"] and f.evidence[0].field == "text"
    check_spans(title, text, f)
    assert ent.label == "MEDIA" and ent.data["registry_id"] == "d:rt.com"


def test_metadata_only_gives_empty_evidence(tiny):
    [f], ents = run(tiny, None, "https://de.rt.com/x", "A title", "A body that names no outlet.")
    assert f.kind == "outlet.state_media" and f.evidence == [] and ents == []
    assert f.data["host"] == "de.rt.com" and f.data["matched_by"] == "url"


def test_short_names_match_their_own_case_only(tiny):
    [f], _ = run(tiny, "RT", "https://rt.com/x", "", "The art of the deal; rt is lower case here.")
    assert f.evidence == []


def test_spoof_domain_is_known_network_high(tiny):
    [f], _ = run(tiny, "Der Spiegel", "https://spiegel.ltd/politik/x")
    assert f.kind == "outlet.known_network" and f.severity == "high"
    assert f.data["entry"]["network"] == "Doppelganger" and f.data["entry"]["report"] == "Meta Q2 2023"
    assert "spiegel.de" in f.message


def test_pink_slime_by_masthead_alone(tiny):
    [f], _ = run(tiny, "The Harborville Times")
    assert f.kind == "outlet.known_network" and f.data["matched_by"] == "masthead_domain_label"


def test_known_real_outlet_is_info(tiny):
    [f], _ = run(tiny, "Reuters", "https://www.reuters.com/world/x")
    assert f.kind == "outlet.known" and f.severity == "info"
    [f], _ = run(tiny, "BBC", "https://www.bbc.co.uk/news/x")
    assert f.kind == "outlet.known" and "public broadcaster" in f.message


def test_lookalike_domain_names_the_real_outlet(tiny):
    title, text = "Exclusive", "Der Spiegel has learned that ..."
    [f], _ = run(tiny, "Der Spiegel", "https://www.spiegell.de/a", title, text)
    assert f.kind == "outlet.lookalike_domain" and f.severity == "high"
    assert f.data["imitates"] == "spiegel.de" and f.data["rule"] == "edit" and f.data["distance"] == 1
    assert f.data["masthead_claims_target"] is True
    assert "spiegel.de" in f.message and "spiegell.de" in f.message
    assert [s.text for s in f.evidence] == ["Der Spiegel"]
    check_spans(title, text, f)


def test_known_local_paper_by_name_is_known_not_imposter(tiny):
    [f], _ = run(tiny, "The Greenville Sentinel")
    assert f.kind == "outlet.known"


def test_imposter_pattern_for_unknown_place_paper(tiny):
    [f], _ = run(tiny, "Denver Observer", None, "", "The Denver Observer reports ...")
    assert f.kind == "outlet.imposter_pattern" and f.severity == "low"
    assert f.data["place"] == "Denver" and f.data["noun"] == "Observer" and f.data["pattern_from"] == "masthead"
    assert [s.text for s in f.evidence] == ["Denver Observer"]
    [f], _ = run(tiny, None, "https://sacramentoherald.com/x")
    assert f.kind == "outlet.imposter_pattern" and f.data["pattern_from"] == "domain"


def test_unknown_outlet_is_low(tiny):
    [f], _ = run(tiny, "Acme Insights", "https://acme-insights.net/x")
    assert f.kind == "outlet.unknown" and f.severity == "low"
    assert "acme-insights.net" in f.message and "Acme Insights" in f.message


def test_reserved_example_domains_are_ignored(tiny):
    [f], _ = run(tiny, "Acme Insights", "https://acme-insights.example/x")
    assert f.kind == "outlet.unknown" and "host" not in f.data
    assert run(tiny, None, "https://sacramentoherald.example/x") == ([], [])


def test_real_name_on_a_foreign_domain_says_so(tiny):
    [f], _ = run(tiny, "Greenville Sentinel", "https://gv-sentinel-daily.net/x")
    assert f.kind == "outlet.known" and f.data["domain_not_registered_for_outlet"] is True
    assert "not one of the domains registered" in f.message and f.confidence <= 0.5


def test_ambiguous_name_is_downgraded(tiny):
    [f], _ = run(tiny, "ABC")
    assert f.kind == "outlet.state_media" and f.severity == "low" and f.data["ambiguous"] is True
    assert "Australia" in f.message


def test_platform_url_falls_back_to_masthead(tiny):
    [f], _ = run(tiny, "Reuters", "https://twitter.com/Reuters/status/1")
    assert f.kind == "outlet.known" and f.data["platform_host"] == "twitter.com"


def test_archived_url_is_unwrapped(tiny):
    [f], _ = run(tiny, None, "https://web.archive.org/web/20160920000000/http://www.rt.com/news/x")
    assert f.kind == "outlet.state_media" and f.data["host"] == "rt.com"


def test_masthead_that_is_a_domain(tiny):
    [f], _ = run(tiny, "www.reuters.com", None)
    assert f.kind == "outlet.known" and f.data["matched_by"] == "masthead"


def test_produces_lists_every_kind(shipped):
    kinds = set()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        fs, _ = run(shipped, g["outlet"], g["url"])
        kinds.update(f.kind for f in fs)
    assert kinds <= set(OutletAnalyzer.produces)
    assert {"outlet.known", "outlet.state_media", "outlet.known_network", "outlet.lookalike_domain",
            "outlet.imposter_pattern", "outlet.unknown", "outlet.unreliable"} <= kinds


def test_at_most_one_finding_per_article(shipped):
    for outlet, url in [("The Washington Post", "https://washingtonpost.pm/x"), ("Sacramento Herald", None),
                        ("RT", "https://rt.com"), ("Nobody", "https://nobody.example")]:
        fs, _ = run(shipped, outlet, url)
        assert len(fs) == 1


def test_masthead_of_another_outlet_on_a_registered_domain_is_noted(tiny):
    [f], _ = run(tiny, "Greenville Sentinel", "https://rt.com/x")
    assert f.kind == "outlet.state_media" and f.data["masthead_names_other_outlet"] == ["d:greenvillesentinel.com"]
    assert "another registered outlet" in f.message
    [f], _ = run(tiny, "RT International", "https://rt.com/x")
    assert "masthead_names_other_outlet" not in f.data
