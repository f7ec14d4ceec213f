"""The outlet registry: host and name normalisation, lookups, lookalikes, the masthead pattern,
the build script's merge rules (on a tiny synthetic data folder) and the shipped registry."""

import importlib.util
import json
from pathlib import Path

import pytest

from unspin.kb.outlets import OutletRegistry, name_key, normalize_host
from unspin.resources import Resources

REPO = Path(__file__).resolve().parents[2]

TINY_ENTRIES = [
    {"id": "d:rt.com", "names": ["RT", "RT International"], "domains": ["rt.com"], "type": "state_media",
     "country": "Russia", "sources": ["asd-state-media"], "extra": {"typology": "SC"}},
    {"id": "d:bbc.co.uk", "names": ["BBC"], "domains": ["bbc.co.uk"], "type": "public_media",
     "country": "United Kingdom", "sources": ["asd-state-media"], "extra": {"typology": "IP"}},
    {"id": "d:reuters.com", "domains": ["reuters.com"], "type": "real_news", "sources": ["asd-laundromat:Wikidata All News"]},
    {"id": "d:spiegel.de", "domains": ["spiegel.de"], "type": "real_news", "sources": ["asd-laundromat:Wikidata All News"]},
    {"id": "d:greenvillesentinel.com", "names": ["Greenville Sentinel"], "domains": ["greenvillesentinel.com"],
     "type": "real_local", "country": "United States", "sources": ["local-news-2018"], "extra": {"medium": "Newspapers"}},
    {"id": "d:lakeportgazette.com", "names": ["Lakeport Gazette"], "domains": ["lakeportgazette.com"],
     "type": "real_local", "country": "United States", "sources": ["local-news-2018"], "extra": {"medium": "Newspapers"}},
    {"id": "d:harborvilletimes.com", "domains": ["harborvilletimes.com"], "type": "known_network",
     "network": "Pink-slime partisan local-news networks", "sources": ["asd-laundromat:Pink Slime"]},
    {"id": "d:spiegel.ltd", "domains": ["spiegel.ltd"], "type": "spoof", "network": "Doppelganger",
     "report": "Meta Q2 2023", "sources": ["meta-threat-research"], "extra": {"imitates": ["spiegel.de"]}},
    {"id": "d:quietnews.xyz", "domains": ["quietnews.xyz"], "type": "unreliable", "network": "a list",
     "sources": ["machine-made-media:unreliable"]},
    {"id": "n:abc@nigeria", "names": ["Abuja Broadcasting Corporation (ABC)"], "type": "state_media",
     "country": "Nigeria", "sources": ["asd-state-media"]},
    {"id": "n:abc@au", "names": ["ABC"], "domains": ["abc.net.au"], "type": "public_media",
     "country": "Australia", "sources": ["asd-state-media"]},
]


def tiny_registry(tmp_path: Path) -> Resources:
    """A resources directory with a tiny ``outlets/registry.json`` (the package's patterns.json
    stays in use)."""
    d = tmp_path / "outlets"
    d.mkdir(parents=True, exist_ok=True)
    reg = {
        "provenance": {"name": "outlets/registry", "version": "test", "what": "test", "source": "test",
                       "licence": "test", "how": "by hand",
                       "sources": {"asd-state-media": {"dataset": "State Media Matrix", "licence": "MIT"},
                                   "asd-laundromat": {"dataset": "Laundromat", "licence": "MIT"},
                                   "meta-threat-research": {"dataset": "Meta", "licence": "MIT"},
                                   "local-news-2018": {"dataset": "LocalNews", "licence": "MIT"},
                                   "machine-made-media": {"dataset": "MMM", "licence": "Apache-2.0"}}},
        "masthead_nouns": {"times": 400, "gazette": 150, "sentinel": 70, "chronicle": 100, "herald": 260,
                           "observer": 100, "news": 800},
        "entries": TINY_ENTRIES,
    }
    (d / "registry.json").write_text(json.dumps(reg), encoding="utf-8")
    return Resources((str(tmp_path),))


@pytest.fixture()
def reg(tmp_path):
    r = OutletRegistry.from_resources(tiny_registry(tmp_path))
    r.prepare()
    return r


@pytest.mark.parametrize("value, host", [
    ("https://www.rt.com/news/123-x/", "rt.com"),
    ("http://user:pw@WWW.Example.COM:8080/path?q=1#f", "example.com"),
    ("hxxps://spiegel[.]ltd/article", "spiegel.ltd"),
    ("washingtonpost[.]pm", "washingtonpost.pm"),
    ("de.rt.com", "de.rt.com"),
    ("www2.example.org/x", "example.org"),
    ("not a url", None),
    ("", None),
    (None, None),
    ("localhost", None),
])
def test_normalize_host(value, host):
    assert normalize_host(value) == host


@pytest.mark.parametrize("name, key", [
    ("The Washington Post", "washington post"),
    ("Chicago Sun-Times Newspaper", "chicago sun times"),
    ("LE MONDE", "monde"),
    ("Süddeutsche Zeitung", "suddeutsche zeitung"),
    ("Tom's River Times", "toms river times"),
    ("National Public Radio (NPR)", "national public radio"),
    ("The", "the"),
])
def test_name_key(name, key):
    assert name_key(name) == key


def test_host_lookup_walks_up_and_ignores_platforms(reg):
    o, matched = reg.lookup_host("https://de.rt.com/x")
    assert o.id == "d:rt.com" and matched == "rt.com"
    assert reg.lookup_host("https://news.bbc.co.uk/1/hi") [0].id == "d:bbc.co.uk"
    assert reg.lookup_host("https://rt.com.example.net/x") is None
    assert reg.lookup_host("https://someone.substack.com/p/x") is None
    assert reg.lookup_host(None) is None


def test_name_lookup_is_robust(reg):
    for n in ("Greenville Sentinel", "The Greenville Sentinel", "GREENVILLE SENTINEL", "Greenville Sentinel Newspaper",
              "Greenville  Sentinel."):
        outlets, how = reg.lookup_name(n)
        assert [o.id for o in outlets] == ["d:greenvillesentinel.com"] and how == "name", n
    # by domain label: entries listed by domain only still match their name
    outlets, how = reg.lookup_name("The Quiet News")
    assert outlets[0].id == "d:quietnews.xyz" and how == "domain_label"
    # major outlets of patterns.json add their names to the entry of their domain
    assert reg.lookup_name("Reuters") == ([reg.by_domain["reuters.com"]], "name")
    assert reg.lookup_name("Harborville Times")[0][0].type == "known_network"
    # a spoof's label never stands for a masthead: "Spiegel" is the real one
    assert reg.lookup_name("Spiegel")[0][0].id == "d:spiegel.de"
    # a registered name followed by a generic word
    assert reg.lookup_name("BBC News")[0][0].id == "d:bbc.co.uk"
    # a masthead that is a domain
    assert reg.lookup_name("www.rt.com")[0][0].id == "d:rt.com"
    assert reg.lookup_name("Nobody Knows Me") == ([], "")


def test_ambiguous_names_return_all_entries_most_alarming_first(reg):
    outlets, _ = reg.lookup_name("ABC")
    assert [o.type for o in outlets] == ["state_media", "public_media"]


def test_masthead_pattern(reg):
    assert reg.masthead_pattern("Denver Observer") == ("Denver", "Observer")
    assert reg.masthead_pattern("The Los Angeles Chronicle") == ("Los Angeles", "Chronicle")
    for n in ("The Daily Herald", "Evening Times", "Observer", "denver observer", "BBC News",
              "A Very Long Place Name Herald", "Denver Weekly Digest", None, ""):
        assert reg.masthead_pattern(n) is None, n


def test_label_pattern(reg):
    assert reg.label_pattern("sacramentoherald.com") == ("sacramento", "herald")
    assert reg.label_pattern("thedenverobserver.net") == ("denver", "observer")
    assert reg.label_pattern("dailyherald.com") is None  # only a qualifier before the noun
    assert reg.label_pattern("bignews.com") is None  # "news" is too common in domain names
    assert reg.label_pattern("example.com") is None


@pytest.mark.parametrize("host, target, rule", [
    ("reuters.co", "reuters.com", "tld_swap"),
    ("spiegel.info", "spiegel.de", "tld_swap"),
    ("reuters-news.net", "reuters.com", "added_words"),
    ("bbcnews24.com", "bbc.co.uk", "added_words"),
    ("bbc.breaking-today.xyz", "bbc.co.uk", "subdomain"),
    ("spiegell.de", "spiegel.de", "edit"),
    ("reutres.com", "reuters.com", "edit"),
    ("greenvillesentinal.com", "greenvillesentinel.com", "edit"),
])
def test_lookalikes(reg, host, target, rule):
    la = reg.lookalike(host)
    assert la is not None and la.target_domain == target and la.rule == rule, la


@pytest.mark.parametrize("host", [
    "reuters.com",            # registered
    "spiegel.ltd",            # registered (a spoof: the registry says so, not the lookalike rule)
    "example.com",
    "wbbc.tv",                # a call sign one letter from bbc
    "someone.substack.com",   # a platform
    "93.184.216.34",
    "lakeportgazettes.org",   # one edit, but "lake" + "port" + "gazette(s)" are common words
])
def test_no_lookalike(reg, host):
    assert reg.lookalike(host) is None


def test_distinctive_local_label_under_another_suffix_is_a_lookalike(reg):
    la = reg.lookalike("greenvillesentinel.org")
    assert la is not None and la.rule == "tld_swap" and not la.major


def test_generic_labels_are_not_lookalike_targets(tmp_path):
    entries = TINY_ENTRIES + [{"id": "d:thecourier.com", "names": ["The Courier"], "domains": ["thecourier.com"],
                               "type": "real_local", "sources": ["local-news-2018"]}]
    res = tiny_registry(tmp_path)
    p = tmp_path / "outlets" / "registry.json"
    data = json.loads(p.read_text())
    data["entries"] = entries
    p.write_text(json.dumps(data))
    r = OutletRegistry.from_resources(Resources((str(tmp_path),)))
    assert r.lookalike("thecourier.co.uk") is None  # "the" + "courier": many real papers
    assert r.lookalike("thecouriers.com") is None
    assert res is not None


def test_source_refs_carry_licences(reg):
    o = reg.lookup_host("rt.com")[0]
    assert reg.source_refs(o) == [{"id": "asd-state-media", "dataset": "State Media Matrix", "licence": "MIT"}]


# -- the shipped registry ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped():
    return OutletRegistry.from_resources(Resources(()))


def test_shipped_registry_well_known_entries(shipped):
    rt = shipped.lookup_host("https://www.rt.com/russia/1/")[0]
    assert rt.type == "state_media" and rt.country == "Russia" and "asd-state-media" in rt.sources
    spoof = shipped.lookup_host("washingtonpost.pm")[0]
    assert spoof.type == "spoof" and "Doppelganger" in spoof.network and "meta-threat-research" in spoof.sources
    assert spoof.extra.get("imitates") == ["washingtonpost.com"]
    local = shipped.lookup_host("https://chicago.suntimes.com/news/x")[0]
    assert local.type in ("real_local", "real_news") and "local-news-2018" in local.sources
    assert shipped.lookup_host("tennesseestar.com")[0].type == "known_network"
    assert shipped.lookup_host("bbc.co.uk")[0].type == "public_media"  # editorially independent: not state media
    assert shipped.lookup_name("Xinhua")[0][0].type == "state_media"


def test_shipped_registry_provenance(shipped):
    prov = shipped.provenance
    for k in ("name", "version", "what", "source", "licence", "how", "sources"):
        assert prov.get(k), k
    for o in shipped.entries:
        for s in o.sources:
            info = shipped.source_info[s.split(":", 1)[0]]
            assert info["licence"], s
    counts = prov["counts"]["by_type"]
    assert counts["state_media"] > 500 and counts["spoof"] > 100 and counts["real_local"] > 5000
    assert all(o.type != "state_media" or o.country for o in shipped.entries if "asd-state-media" in o.sources)


def test_shipped_registry_has_no_platforms(shipped):
    for host in ("youtube.com", "twitter.com", "t.me", "vk.com", "substack.com"):
        assert shipped.lookup_host(host) is None, host


# -- the build script on a tiny data folder ----------------------------------------------------

def _load_builder():
    spec = importlib.util.spec_from_file_location("build_outlet_registry", REPO / "scripts" / "build_outlet_registry.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _write(p: Path, text: str) -> None:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


def test_build_merges_by_domain_and_applies_the_rules(tmp_path):
    data = tmp_path / "data"
    _write(data / "asd-state-media-profiles" / "State_Media_Matrix.csv",
           "Region,Country,Media company,Main assets,URL,Typology,Status,Notes\n"
           "Europe,Russia,RT,RT International,https://www.rt.com/,SC,,\n"
           "Europe,Russia,RT,RT Deutsch,https://de.rt.com/,SC,,\n"
           "Europe,United Kingdom,British Broadcasting Corporation (BBC),BBC,http://www.bbc.co.uk/,IP,,\n"
           "Asia,China,Xinhua (New China News Agency),News agency: Xinhua,,SC,,\n")
    _write(data / "asd-disinfo-laundromat" / "sites_of_concern.csv",
           "Threat Actor,Domain,Name,Source\n"
           ",https://rt.com,,EuVsDisinfo\n"
           ",https://youtube.com,,EuVsDisinfo\n"
           ",https://mainstream.example,,EuVsDisinfo\n"
           ",https://mainstream.example,,Wikidata All News\n"
           ",https://fringe.example,,EuVsDisinfo\n"
           ",https://pinkcountytimes.com,,Pink Slime\n")
    _write(data / "meta-threat-research" / "Q2_2023__Q2_2023_Doppelganger_Russia_based_CIB_network_updated.csv",
           "Tactic,Technique,Procedure,Indicator,Comments\n"
           "0. Acquiring assets,0.6 Acquiring domains,0.6.2 Acquiring domains to support influence operations,"
           "bbc[.]ltd,\"Domains spoofing news or government sites Registration date: 1/2/2023, Country likely targeted: UK\"\n"
           "0. Acquiring assets,0.6 Acquiring domains,0.6.2 Acquiring domains to support influence operations,"
           "brandnews[.]world,\"Operation's websites and brands Registration date: 1/2/2023, Country likely targeted: UK\"\n"
           "9. Evading,9.5 Replacing infrastructure,9.5.3 Using redirect domains,throwaway[.]top,\n"
           "9. Evading,9.5 Replacing infrastructure,9.5.3 Using redirect domains,mainstream[.]example,\n")
    _write(data / "meta-threat-research" / "Q1_2023__Q1_2023__Pakistan_APT.csv",
           "Tactic,Technique,Procedure,Indicator,Comments\n"
           "0,0.6 Acquiring domains,0.6.2 Acquiring domains to support influence operations,malware[.]example,\n")
    _write(data / "local-news-dataset-2018" / "local_news_dataset_2018.csv",
           "name,state,website,domain,twitter,youtube,facebook,owner,medium,source,collection_date\n"
           "Greenville Sentinel,SC,http://www.gvsentinel.com,gvsentinel.com,,,,,Newspapers,usnpl.com,2018\n"
           "Lakeport Gazette,CA,http://lakeportgazette.com,lakeportgazette.com,,,,,Newspapers,usnpl.com,2018\n")
    _write(data / "wiki-media-cred" / "data__wikidata-us-states.tsv", "abbr\tAP\tstate\tlat\tlon\tFIPS\tqid\n"
           "SC\tS.C.\tSouth Carolina\t0\t0\t45\tQ1\nOH\tOhio\tOhio\t0\t0\t39\tQ2\n")
    _write(data / "wiki-media-cred" / "data__wikipedia-us-newspapers.tsv", "WP-title\tstate\tpageid\tpath\tqid\n"
           "Greenville Sentinel (newspaper)\tSouth Carolina\t1\t/wiki/x\tQ10\n"
           "Millbrook Herald\tOhio\t2\t/wiki/y\t\n")
    _write(data / "machine-made-media-domains" / "reliable_domains.txt", "reliable.example\n")
    _write(data / "machine-made-media-domains" / "unreliable_domains.txt", "fringe.example\n")
    patterns = json.loads((REPO / "src/unspin/resources/outlets/patterns.json").read_text(encoding="utf-8"))
    patterns["major_outlets"] = []
    reg = _load_builder().build(data, patterns)
    by = {d: e for e in reg["entries"] for d in e.get("domains", [])}
    assert by["rt.com"]["type"] == "state_media" and set(by["rt.com"]["sources"]) == {"asd-state-media", "asd-laundromat:EuVsDisinfo"}
    assert "network" not in by["rt.com"]  # EUvsDisinfo's list name does not stick to a state outlet
    assert by["bbc.co.uk"]["type"] == "public_media"
    assert "youtube.com" not in by
    assert by["mainstream.example"]["type"] == "real_news"  # cited by EUvsDisinfo, on a reference list
    assert by["mainstream.example"]["extra"]["cited_by"] == "EUvsDisinfo"
    assert by["fringe.example"]["type"] == "unreliable"
    assert by["pinkcountytimes.com"]["type"] == "known_network"
    assert by["bbc.ltd"]["type"] == "spoof" and by["bbc.ltd"]["extra"]["imitates"] == ["bbc.co.uk"]
    assert by["bbc.ltd"]["network"].startswith("Doppelganger")
    assert by["brandnews.world"]["type"] == "known_network"
    assert by["throwaway.top"]["type"] == "redirect"
    assert "malware.example" not in by  # APT reports are not influence operations
    # the Wikipedia row joined the directory's entry of the same name and state
    gv = by["gvsentinel.com"]
    assert set(gv["sources"]) == {"local-news-2018", "wiki-media-cred"} and gv["extra"]["wikidata"] == "Q10"
    names_only = [e for e in reg["entries"] if not e.get("domains")]
    assert {e["names"][0] for e in names_only} == {"Millbrook Herald", "Xinhua"}
    assert reg["provenance"]["counts"]["entries"] == len(reg["entries"])
    assert set(reg["masthead_nouns"]) <= {"sentinel", "gazette", "herald"}


def test_shipped_prebuilt_index_matches_the_code():
    """The name/label index stored in the registry file equals what the loader computes (a
    change to name_key or the label rules without a rebuild fails here)."""
    from unspin.kb.outlets import _read_registry

    res = Resources(())
    raw = _read_registry(res)
    patterns = res.json("outlets/patterns.json")
    stored = raw["index"]
    computed = OutletRegistry({k: v for k, v in raw.items() if k != "index"}, patterns).index_block(len(raw["entries"]), patterns)
    assert stored["digest"] == computed["digest"]
    assert stored["names"] == computed["names"]
    assert stored["labels"] == computed["labels"]
