"""Tests for the translation-analyzer resources and the person gazetteer.

Runs the checks of ``scripts/check_resources.py`` on the shipped files, checks the acceptance
minimums, and tests every calque / state-term regular expression on an example sentence written
for it (positive) and on plain English news sentences (negative). The sentences below were written
for these tests; none is taken from a dataset or from the example articles.
"""

from __future__ import annotations

import copy
import importlib.util
import re
from pathlib import Path

import pytest

import unspin.resources

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(unspin.resources.__file__).resolve().parent

_spec = importlib.util.spec_from_file_location(
    "check_resources", REPO / "scripts" / "check_resources.py"
)
check = importlib.util.module_from_spec(_spec)
assert _spec.loader is not None
_spec.loader.exec_module(check)


def _load(label: str) -> dict:
    return check.load(ROOT / check.FILES[label])


ACRONYMS = _load("acronyms")
PEOPLE = _load("people")
TERMS = {label: _load(label) for label in ("ru_terms", "uk_terms", "zh_terms")}
REGEX_ENTRIES = [
    e for data in TERMS.values() for e in data["entries"] if e["kind"] in ("calque", "state_term")
]
PINYIN_ENTRIES = [e for e in TERMS["zh_terms"]["entries"] if e["kind"] == "pinyin_term"]

# One sentence per calque / state-term entry, written for this test, that the entry must match.
EXAMPLES = {
    "ru-clap-heard": "In the morning a loud clap was heard near the airfield, residents said.",
    "ru-todays-day": "On today's day, the situation in the city remains difficult.",
    "ru-take-participation": "More than forty companies will take participation in the forum.",
    "ru-within-framework": "The talks were held within the framework of the visit.",
    "ru-in-connection-fact": "The flight was cancelled in connection with the fact that the airport was closed.",
    "ru-in-connection-with": "Schools closed in connection with the drone threat.",
    "ru-negative-consequences": "The decision will have negative consequences for Europe.",
    "ru-present-time": "At the present time the bridge is closed to traffic.",
    "ru-in-the-course-of": "Several villages were damaged in the course of the shelling.",
    "ru-it-is-noted": "It is noted that the plant continues to operate normally.",
    "ru-it-is-reported": "It is reported that two people were injured.",
    "ru-press-service": "This was reported by the press service of the regional government.",
    "ru-according-words": "According to the words of the governor, the fire is under control.",
    "ru-in-his-words": "In his words, the negotiations have reached a dead end.",
    "ru-on-territory": "Three drones were destroyed on the territory of the Kursk region.",
    "ru-over-territory": "Air defences intercepted six drones over the territory of the Belgorod region.",
    "ru-head-of-region": "The head of the region said no one was hurt.",
    "ru-law-enforcement-organs": "The case was handed over to law enforcement organs.",
    "ru-power-structures": "Representatives of the power structures attended the meeting.",
    "ru-operational-services": "Operational services are working at the scene.",
    "ru-liquidate": "Rescuers are working to liquidate the consequences of the attack.",
    "ru-fire-localised": "By noon the fire was localized, the ministry said.",
    "ru-on-area-of": "The blaze spread on an area of 200 square metres.",
    "ru-criminal-case": "A criminal case has been opened against the driver.",
    "ru-under-article": "He was charged under part 2 of Article 207.3 of the Criminal Code.",
    "ru-duty-air-defence": "On-duty air defence means destroyed three drones overnight.",
    "ru-means-of": "The drones were suppressed by means of electronic warfare.",
    "ru-aircraft-type": "Forty aircraft-type drones were shot down over the sea.",
    "ru-given-moment": "At the given moment there is no threat to residents.",
    "ru-the-given-noun": "The given decision was taken by the regional authorities.",
    "ru-earlier-reported": "Earlier it was reported that the bridge had been damaged.",
    "ru-recall": "Recall, earlier the governor announced an evacuation.",
    "ru-it-became-known": "It became known that the minister had resigned.",
    "ru-corresponding": "The president signed the corresponding decree on Monday.",
    "ru-decree-about": "Putin signed a decree about the call-up of reservists.",
    "ru-telephone-conversation": "The two leaders held a telephone conversation on Tuesday.",
    "ru-topical-issues": "The ministers discussed topical issues of the bilateral agenda.",
    "ru-sides-discussed": "The sides discussed energy cooperation.",
    "ru-russian-side": "The Russian side handed over a memorandum.",
    "ru-leadership-country": "The leadership of the country has taken the decision.",
    "ru-official-representative": "The official representative of the Foreign Ministry commented on the sanctions.",
    "ru-press-secretary-president": "The press secretary of the Russian president declined to comment.",
    "ru-first-persons": "The first persons of the state attended the ceremony.",
    "ru-expert-community": "Representatives of the public and the expert community took part.",
    "ru-conversation-journalists": "He said this in a conversation with journalists.",
    "ru-interview-to": "The minister said this in an interview to the newspaper Izvestia.",
    "ru-drew-attention-fact": "The senator drew attention to the fact that the funds had been spent.",
    "ru-populated-point": "Russian troops took control of the populated locality of Novoselivka.",
    "ru-multistorey": "Debris fell on a multi-storey residential building.",
    "ru-private-houses": "Windows were blown out in houses in the private sector.",
    "ru-necessary-assistance": "All necessary assistance is being provided to the victims.",
    "ru-received-injuries": "A woman received shrapnel wounds in the attack.",
    "ru-object-infrastructure": "The strike hit objects of energy infrastructure in the region.",
    "ru-direction": "Fighting continues on the Kupiansk direction.",
    "ru-lost-up-to": "The enemy lost up to 140 servicemen in this area.",
    "ru-manpower": "Strikes were carried out on accumulations of enemy manpower.",
    "ru-temporary-deployment": "Russian forces hit temporary deployment points of the Ukrainian army.",
    "ru-format-mode": "The meeting was held in the videoconference mode.",
    "ru-regime-emergency": "A regime of emergency was introduced in the district.",
    "ru-missile-danger": "A missile danger regime was declared in the city.",
    "ru-on-instructions": "On the instruction of the president, aid was sent to the region.",
    "ru-conduct-negotiations": "Moscow is ready to conduct negotiations without preconditions.",
    "ru-exchange-opinions": "The ministers exchanged opinions on the situation in the Middle East.",
    "ru-it-should-be-noted": "It should be noted that the talks lasted six hours.",
    "ru-smo": "Since the start of the special military operation, the region has received aid.",
    "ru-smo-zone": "Families of SMO participants will receive free land.",
    "ru-kyiv-regime": "The Kyiv regime continues to shell residential areas.",
    "ru-kyiv-junta": "Moscow will not negotiate with the illegitimate Zelensky.",
    "ru-collective-west": "The collective West is waging a hybrid war against Russia.",
    "ru-denazification": "The goals of denazification will be achieved, the Kremlin said.",
    "ru-liberated": "Russian forces liberated the village of Stepove, the ministry said.",
    "ru-neo-nazis": "Ukrainian neo-Nazis shelled the city again.",
    "ru-nationalist-formations": "Ukrainian formations lost two tanks near the village.",
    "ru-militants": "Ukrainian militants attacked a civilian car.",
    "ru-afu": "The AFU lost up to 300 servicemen.",
    "ru-western-curators": "Kyiv acts on the orders of its Western curators.",
    "ru-anglo-saxons": "The Anglo-Saxons are provoking a new escalation.",
    "ru-so-called-country": "The so-called Ukrainian state has no future.",
    "ru-puppet": "The puppet regime in Kiev obeys Washington.",
    "ru-native-harbour": "Crimea returned to its native harbour in 2014.",
    "ru-new-regions": "Road construction continues in the new regions of Russia.",
    "ru-reunification": "The peninsula celebrates the anniversary of its reunification with Russia.",
    "ru-russian-world": "The Russian World unites compatriots abroad.",
    "ru-terrorist-kyiv": "The Kyiv regime's terrorist attack on the power station was condemned.",
    "ru-provocation": "The ministry called the reports a staged provocation.",
    "ru-fakes": "Western media are spreading fakes about losses.",
    "ru-russophobia": "Russophobia has become official policy in the Baltic states.",
    "ru-multipolar": "BRICS is building a multipolar world order.",
    "ru-maidan-coup": "After the 2014 coup in Kiev, Donbass rose up.",
    "ru-genocide-donbass": "The operation was launched to stop the genocide of the people of Donbass.",
    "ru-banderites": "Banderites occupied the building.",
    "ru-unfriendly-countries": "Companies from unfriendly countries must pay an exit tax.",
    "ru-spiritual-moral": "The law protects traditional spiritual and moral values.",
    "ru-near-abroad": "Moscow's influence in the near abroad is growing.",
    "ru-ukrainian-crisis": "Russia is open to a settlement of the Ukrainian crisis.",
    "ru-kiev": "A delegation from Kiev arrived in Istanbul.",
    "ru-place-names": "Fighting continues on the outskirts of Krasnoarmeysk.",
    "ru-donbass": "Humanitarian aid was delivered to Donbass.",
    "ru-foreign-agent": "The journalist was declared a foreign agent by the Justice Ministry.",
    "ru-color-revolution": "The West is preparing a colour revolution in Georgia.",
    "uk-air-alarm": "An air alarm was announced across the region at dawn.",
    "uk-arrival": "Two arrivals were recorded in the industrial zone.",
    "uk-invincibility-points": "Points of invincibility are open in every district.",
    "uk-stabilisation-outages": "Stabilization outages will be applied in Kyiv tomorrow.",
    "uk-de-energized": "Some 40,000 consumers were de-energized after the strike.",
    "uk-enterprise-hit": "An agricultural enterprise was damaged in the shelling.",
    "uk-defence-forces": "The Defence Forces of Ukraine repelled 40 attacks.",
    "uk-tcc": "Officers of the TCC checked documents at the station.",
    "uk-szch": "The soldier was charged with unauthorized leaving of the military unit.",
    "uk-military-medical-commission": "Conscripts must pass the military-medical commission within ten days.",
    "uk-peoples-deputy": "People's deputy Oleksiy Honcharenko published the document.",
    "uk-hromada": "Five territorial communities were shelled overnight.",
    "uk-ballistics": "The threat of ballistics remains high in the east.",
    "uk-de-occupation": "The government is preparing for the de-occupation of Crimea.",
    "uk-busification": "Videos of busification spread on social media.",
    "uk-ruscists": "The ruscists shelled Kherson again overnight.",
    "uk-orcs": "Our defenders destroyed a column of orcs.",
    "uk-occupiers": "The occupiers launched 120 drones overnight.",
    "uk-temporarily-occupied": "Residents of the temporarily occupied territories can still vote.",
    "uk-aggressor-state": "The aggressor country continues to attack civilians.",
    "uk-lowercase-russia": "The strike was launched from russian territory.",
    "uk-the-enemy": "The enemy shelled the village with artillery.",
    "uk-moskali": "The moskals will never take the city.",
    "uk-rf-abbrev": "RF troops attempted to advance near Siversk.",
    "zh-win-win": "The two countries pledged to pursue win-win cooperation.",
    "zh-shared-future": "Building a community with a shared future for mankind is China's goal.",
    "zh-cold-war-mentality": "The US should abandon its Cold War mentality.",
    "zh-zero-sum": "Washington's zero-sum thinking harms global growth.",
    "zh-so-called": "The so-called 'forced labour' allegations are lies.",
    "zh-hype-up": "Some US politicians keep hyping up the China threat.",
    "zh-smear": "The report is another attempt to smear China.",
    "zh-peaceful-reunification": "Beijing remains committed to peaceful reunification.",
    "zh-internal-affairs": "Xinjiang affairs are purely China's internal affairs.",
    "zh-splittist": "Beijing sanctioned Taiwan independence separatist forces.",
    "zh-taiwan-region": "The DPP authorities are colluding with external forces.",
    "zh-compatriots": "Taiwan compatriots are welcome to visit the mainland.",
    "zh-motherland": "Hong Kong returned to the motherland in 1997.",
    "zh-core-interests": "The Taiwan question is at the core of China's core interests.",
    "zh-high-quality-dev": "The province is promoting high-quality development.",
    "zh-common-prosperity": "The campaign aims to achieve common prosperity.",
    "zh-chinese-modernization": "Chinese modernization offers the world new opportunities.",
    "zh-global-initiatives": "Many countries support the Global Security Initiative.",
    "zh-jointly-build": "The two sides will jointly build the Belt and Road.",
    "zh-practical-cooperation": "The ministers agreed to expand practical cooperation in agriculture.",
    "zh-mutual-trust": "The visit will deepen political mutual trust.",
    "zh-partnership-coordination": "China and Russia enjoy a comprehensive strategic partnership of coordination.",
    "zh-chinese-side": "The Chinese side expressed firm opposition.",
    "zh-relevant-parties": "We urge the relevant parties to exercise restraint.",
    "zh-unswervingly": "China will unswervingly follow the path of peaceful development.",
    "zh-firmly-opposes": "China firmly opposes the arms sale.",
    "zh-strong-dissatisfaction": "Beijing expressed strong dissatisfaction with the statement.",
    "zh-stern-representations": "China has lodged stern representations with Japan.",
    "zh-hegemonism": "China opposes hegemonism and power politics.",
    "zh-inject-momentum": "The agreement will inject strong momentum into regional cooperation.",
    "zh-bloc-confrontation": "Asia-Pacific countries reject bloc confrontation.",
    "zh-trend-of-times": "Peace and development are the trend of the times.",
    "zh-concrete-actions": "The US should honour its commitments with concrete actions.",
    "zh-xizang": "Tourism in Xizang grew by 20 percent.",
    "zh-vocational-centres": "The vocational education and training centers have closed, officials said.",
    "zh-patriots-hk": "The principle of patriots administering Hong Kong must be upheld.",
    "zh-rejuvenation": "The great rejuvenation of the Chinese nation is unstoppable.",
    "zh-xi-thought": "Officials studied Xi Jinping Thought on Socialism with Chinese Characteristics.",
    "zh-at-the-core": "The Central Committee with Comrade Xi Jinping at its core leads the country.",
    "zh-important-instructions": "Cadres must implement the important instructions of General Secretary Xi.",
    "zh-broad-masses": "The policy serves the broad masses of the people.",
    "zh-tell-story": "Journalists were urged to tell China's story well.",
    "zh-anti-china-forces": "Anti-China forces are the black hands behind the riots.",
    "zh-external-forces": "The DPP is colluding with external forces to seek independence.",
    "zh-positive-energy": "Online platforms should spread positive energy.",
    "zh-vigorously": "The city will vigorously develop the digital economy.",
    "zh-ukraine-crisis": "China supports a political settlement of the Ukraine crisis.",
    "zh-double-standards": "The US applies double standards on human rights.",
    "zh-one-china": "All countries should abide by the one-China principle.",
}

# Plain English news sentences in wire-service style. No entry of weight >= 0.5 may match them
# (low-weight entries are phrases that occur in native English news too and may match).
NEGATIVES = [
    "Russian President Vladimir Putin said on Tuesday that Moscow was ready for talks, according to a Kremlin transcript.",
    "Ukraine's air force said it had shot down 40 of the 52 drones Russia launched overnight.",
    "Two people were killed and five wounded when a missile hit an apartment block in Kharkiv, the regional governor said.",
    "Chinese foreign ministry spokesperson Mao Ning told a regular news briefing that Beijing opposed the sanctions.",
    "The central bank raised its key interest rate by 100 basis points to 17%, more than analysts had expected.",
    "Police arrested a 34-year-old man in connection with the stabbing, a spokesperson said.",
    "Emergency services were working at the scene and the fire was brought under control after three hours.",
    "Russia's defence ministry said its forces had taken control of a village in the Donetsk region, a claim Reuters could not verify.",
    "Kyiv mayor Vitali Klitschko said debris fell in two districts of the capital and that an air raid alert was declared.",
    "The European Union agreed a new package of sanctions on Russia after weeks of negotiations.",
    "Shares in the carmaker rose 3% in early trading after it reported better-than-expected quarterly results.",
    "Lawmakers in Britain voted 310 to 250 in favour of the bill, which now goes to the House of Lords.",
    "Xi Jinping met U.S. President Donald Trump on the sidelines of the summit in South Korea.",
    "He told reporters in Brussels that NATO allies needed to spend more on defence.",
    "The company's press office did not respond to a request for comment.",
    "The relevant authorities are investigating the cause of the crash, the airline said.",
    "The two leaders spoke by phone and discussed trade and the war in Ukraine, the White House said.",
    "Power was restored to most homes in the city by evening, the grid operator said.",
    "Taiwan's government said Chinese warships had been spotted near the island on Thursday.",
    "Schools reopened in the region after a week of heavy flooding forced thousands to leave their homes.",
    "Fans of the fantasy film queued outside cinemas in Russia and across Europe.",
    "He was sentenced to six years in prison for fraud by a court in Moscow.",
    "Refugees crossed the border on foot, carrying what they could, the UN refugee agency said.",
    "On the U.S. side of the border, officials reported a sharp drop in crossings.",
]


def test_all_resource_checks_pass():
    n, problems = check.check_all(ROOT)
    assert problems == []
    assert set(check.FILES) <= set(n)


def test_minimum_counts():
    n, _ = check.check_all(ROOT)
    for label, minimum in check.MINIMUMS.items():
        assert n[label] >= minimum, (label, n[label], minimum)


def test_required_acronyms_present():
    cyr = {e["cyr"]: e for e in ACRONYMS["entries"]}
    required = (
        "СВО ВСУ ЗСУ БПЛА ДНР ЛНР ВКС ПВО РСЗО ТЦК МИД МЧС ФСИН СК ГД СФ ЦБ РЭБ ДРГ ПВД ВПК ОПК "
        "НАТО ЕС США ФРГ КНР КНДР СНГ ОДКБ ЕАЭС ШОС БРИКС ООН ОБСЕ МАГАТЭ Росгвардия Минобороны "
        "Генштаб Роскомнадзор Госдума Совфед Минфин Минздрав Минюст Минэнерго Роспотребнадзор "
        "Росатом Роскосмос ВГТРК ТАСС РИА РБК ВЦИОМ ФОМ ЕР КПРФ ЛДПР СБУ ГУР ВЛК ТрО ДСНС НБУ "
        "ВР ОП НАБУ САП ДБР"
    ).split() + ["ВС РФ", "МО РФ"]
    missing = [a for a in required if a not in cyr]
    assert missing == []
    assert cyr["НАТО"]["accepted_in_english"] is True
    assert cyr["СВО"]["accepted_in_english"] is False
    assert "SMO" in cyr["СВО"]["english_forms"]
    assert "Germany" in cyr["ФРГ"]["english_forms"]
    assert cyr["ТЦК"]["lang"] in ("uk", "both")


def test_accepted_line_is_consistent():
    """accepted_in_english <=> one romanised form of the acronym is itself an English form."""
    for e in ACRONYMS["entries"]:
        forms = {f.lower() for f in e["english_forms"]}
        translit = {t.lower() for t in e["translit"]}
        assert bool(forms & translit) == e["accepted_in_english"], e["cyr"]
    by_cyr = {x["cyr"]: x for x in ACRONYMS["entries"]}
    for cyr in ("ФСБ", "ГРУ", "КГБ", "ТАСС", "СБУ", "ВТБ", "НАТО"):
        assert by_cyr[cyr]["accepted_in_english"] is True, cyr
    for cyr in ("СВО", "ВСУ", "БПЛА", "ЕС", "БРИКС", "ОПЕК", "РБК"):
        assert by_cyr[cyr]["accepted_in_english"] is False, cyr


def test_translit_never_shadows_another_english_form():
    """A romanisation equal to another entry's English form (УССР -> USSR) would misfire."""
    english = {f for e in ACRONYMS["entries"] for f in e["english_forms"]}
    for e in ACRONYMS["entries"]:
        for t in e["translit"]:
            assert t not in english or t in e["english_forms"], (e["cyr"], t)


def test_required_people_present():
    by_name = {e["name"]: e for e in PEOPLE["entries"]}
    for name in (
        "Volodymyr Zelensky",
        "Sergei Lavrov",
        "Dmitry Peskov",
        "Maria Zakharova",
        "Sergei Shoigu",
        "Andrei Belousov",
        "Valery Gerasimov",
        "Vyacheslav Gladkov",
        "Vladimir Putin",
        "Xi Jinping",
        "Wang Yi",
        "Kim Jong Un",
        "Masoud Pezeshkian",
        "Alexander Lukashenko",
    ):
        assert name in by_name, name
    assert by_name["Vladimir Putin"]["native"] == "Владимир Путин"
    assert by_name["Wang Yi"]["native"] == "王毅" and by_name["Wang Yi"]["family"] == "Wang"
    assert by_name["Kim Jong Un"]["native_lang"] == "ko"
    assert by_name["Masoud Pezeshkian"]["native_lang"] == "fa"
    assert by_name["Volodymyr Zelensky"]["native_lang"] == "uk"
    countries = {e["country"] for e in PEOPLE["entries"]}
    assert {"RU", "UA", "BY", "CN", "KP", "IR", "US"} <= countries


@pytest.mark.parametrize("entry", REGEX_ENTRIES, ids=lambda e: e["id"])
def test_regex_matches_its_example(entry):
    assert entry["id"] in EXAMPLES, f"no example sentence for {entry['id']}"
    rx = re.compile(entry["pattern"], re.IGNORECASE)
    assert rx.search(EXAMPLES[entry["id"]]), (entry["id"], EXAMPLES[entry["id"]])


def test_every_example_has_an_entry():
    ids = {e["id"] for e in REGEX_ENTRIES}
    assert set(EXAMPLES) == ids


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_plain_english_not_flagged(sentence):
    hits = [
        e["id"]
        for e in REGEX_ENTRIES + PINYIN_ENTRIES
        if e["weight"] >= 0.5 and re.search(e["pattern"], sentence, re.IGNORECASE)
    ]
    assert hits == []


def test_low_weight_entries_do_fire_on_plain_english():
    """The weights mean something: a low-weight calque is one native English also uses."""
    low = {e["id"] for e in REGEX_ENTRIES if e["weight"] < 0.5}
    fired = {
        e["id"]
        for e in REGEX_ENTRIES
        for s in NEGATIVES
        if re.search(e["pattern"], s, re.IGNORECASE)
    }
    assert fired and fired <= low


@pytest.mark.parametrize("entry", PINYIN_ENTRIES, ids=lambda e: e["id"])
def test_pinyin_pattern_matches_all_forms(entry):
    rx = re.compile(entry["pattern"], re.IGNORECASE)
    for form in [entry["pinyin"], *entry["variants"]]:
        sentence = f"A spokesperson for the {form} told reporters the talks had gone well."
        assert rx.search(sentence), (entry["id"], form)
    assert not rx.search("A spokesperson for the ministry told reporters the talks had gone well.")


def test_pinyin_covers_core_institutions():
    pinyin = {e["pinyin"] for e in PINYIN_ENTRIES}
    for p in (
        "Waijiaobu",
        "Guofangbu",
        "Shangwubu",
        "Gong'anbu",
        "Caizhengbu",
        "Guowuyuan",
        "Fagaiwei",
        "Quanguo Renda",
        "Zhengxie",
        "Jiefangjun",
        "Renmin Ribao",
        "Guotaiban",
    ):
        assert p in pinyin, p


def test_case_sensitive_lowercase_russia_entry():
    entry = next(e for e in TERMS["uk_terms"]["entries"] if e["id"] == "uk-lowercase-russia")
    rx = re.compile(entry["pattern"], re.IGNORECASE)
    assert rx.search("drones launched from russia overnight")
    assert not rx.search("drones launched from Russia overnight")


# --- the checker itself must catch broken files -------------------------------------------------


def test_checker_rejects_latin_letter_in_cyr():
    data = copy.deepcopy(ACRONYMS)
    data["entries"][0]["cyr"] = "CВО"  # Latin C
    assert any("Cyrillic letters only" in p for p in check.check_acronyms(data))


def test_checker_rejects_duplicate_cyr_and_cyrillic_in_english():
    data = copy.deepcopy(ACRONYMS)
    data["entries"].append(copy.deepcopy(data["entries"][0]))
    data["entries"][1]["english_forms"] = ["ВСУ"]
    problems = check.check_acronyms(data)
    assert any("duplicate cyr" in p for p in problems)
    assert any("non-Latin script" in p for p in problems)


def test_checker_rejects_bad_regex_and_empty_match():
    data = copy.deepcopy(TERMS["ru_terms"])
    data["entries"][0]["pattern"] = "(unclosed"
    data["entries"][1]["pattern"] = "x*"
    data["entries"][2]["weight"] = 1.5
    problems = check.check_terms(data, "ru_terms")
    assert any("does not compile" in p for p in problems)
    assert any("empty string" in p for p in problems)
    assert any("'weight'" in p for p in problems)


def test_checker_rejects_people_errors():
    data = copy.deepcopy(PEOPLE)
    data["entries"][1]["id"] = data["entries"][0]["id"]
    data["entries"][2]["name"] = "Somebody Else"
    data["entries"][3]["role"] = "Министр"
    problems = check.check_people(data)
    assert any("duplicate id" in p for p in problems)
    assert any("is not given+family" in p for p in problems)
    assert any("non-Latin script in 'role'" in p for p in problems)


def test_checker_rejects_missing_provenance_and_low_counts(tmp_path):
    for rel in check.FILES.values():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text('{"entries": []}', encoding="utf-8")
    n, problems = check.check_all(tmp_path)
    assert any("missing provenance" in p for p in problems)
    assert any("minimum" in p for p in problems)
    assert check.main([str(tmp_path)]) == 1


def test_checker_rejects_translit_shadowing_english():
    data = copy.deepcopy(ACRONYMS)
    entry = next(e for e in data["entries"] if e["cyr"] == "УССР")
    entry["translit"] = ["USSR"]
    assert any("another entry's English form" in p for p in check.check_acronyms(data))


def test_checker_rejects_absolute_path_in_provenance():
    data = copy.deepcopy(TERMS["uk_terms"])
    data["provenance"]["source"] += " Counted in /srv/data/news.jsonl."
    assert any("absolute path" in p for p in check.check_terms(data, "uk_terms"))
    assert check.check_terms(TERMS["uk_terms"], "uk_terms") == []
