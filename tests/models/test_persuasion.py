"""The persuasion model's building blocks: tokens, hashed features, span assembly, the model file."""

import json

import numpy as np
import pytest

from unspin.models.persuasion import DIM, Article, PersuasionModel, encode_f16, si_spans, tokenize
from unspin.resources import Resources

TEXT = "Headline here\nThe corrupt elites lied again. The corrupt elites will pay!\nRain fell on Monday."


def _article(text=TEXT):
    lines, pos = [], 0
    for ln in text.split("\n"):
        lines.append((pos, pos + len(ln)))
        pos += len(ln) + 1
    return Article(text, lines)


@pytest.fixture(scope="module")
def model_dict():
    return Resources(()).json("persuasion/model.json")


def test_tokenize_offsets_slice_back():
    toks = tokenize(TEXT)
    assert all(TEXT[s:e] == w for s, e, w in toks)
    assert [w for _, _, w in tokenize("well-known, isn't it?")] == ["well-known", ",", "isn't", "it", "?"]


def test_tagger_features_shape_range_and_determinism():
    art = _article()
    rows, bags = art.tagger_features()
    assert rows.shape == (len(art.toks), 15)
    assert rows.min() >= 0 and rows.max() < DIM
    assert len(bags) == art.n_sent == 3
    rows2, _ = _article().tagger_features()
    assert np.array_equal(rows, rows2)


def test_span_features_see_repetition():
    art = _article()
    first = TEXT.index("The corrupt elites")
    second = TEXT.index("The corrupt elites", first + 1)
    i1, v1 = art.span_features(first + 4, first + 18)
    i2, v2 = art.span_features(second + 4, second + 18)
    assert i1.max() < DIM and len(i1) == len(v1)
    assert len(art.occurrences(*art.token_range(first + 4, first + 18))) == 2
    # the later occurrence carries the "later" cue, the first does not
    assert len(set(i2.tolist()) - set(i1.tolist())) >= 1
    once = TEXT.index("Monday")
    assert len(art.occurrences(*art.token_range(once, once + 6))) == 1


def test_si_spans_runs_and_whole_sentence():
    toks = tokenize("a b c d e f g h i j")
    p = [0.1, 0.9, 0.8, 0.1, 0.1, 0.1, 0.7, 0.1, 0.1, 0.1]
    spans = si_spans(p, toks, 0.5, sentence_share=0.6, max_gap=0)
    assert [(s, e) for s, e, _ in spans] == [(2, 5), (12, 13)]
    # a gap of one token is bridged when allowed
    assert len(si_spans([0.9, 0.1, 0.9] + [0.0] * 7, toks, 0.5, 0.6, max_gap=1)) == 1
    # most of the sentence above threshold: the whole sentence, and the strong runs inside it
    probs = [0.6, 0.6, 0.9, 0.9, 0.6, 0.6, 0.6, 0.1, 0.1, 0.1]
    whole = si_spans(probs, toks, 0.5, sentence_share=0.6, inner_margin=0.2)
    assert [(s, e) for s, e, _ in whole] == [(0, 19), (4, 7)]
    assert [(s, e) for s, e, _ in si_spans(probs, toks, 0.5, sentence_share=0.6, inner_margin=0)] == [(0, 19)]
    assert si_spans([0.1] * 10, toks, 0.5) == []


def test_float16_roundtrip():
    a = np.array([0.5, -1.25, 3.0], dtype=np.float32)
    from unspin.models.persuasion import _decode

    assert np.allclose(_decode(encode_f16(a), (3,)), a)


def test_model_file_has_provenance_and_keys(model_dict):
    prov = model_dict["provenance"]
    for key in ("name", "version", "what", "source", "licence", "how"):
        assert prov.get(key), key
    assert model_dict["dim"] == DIM
    assert set(model_dict["tc"]) >= {"classes", "weights", "bias"}
    assert set(model_dict["si"]) >= {"weights", "bias", "threshold"}
    assert len(model_dict["tc"]["classes"]) == 14
    assert 0.0 < model_dict["si"]["threshold"] < 1.0


def test_model_file_is_compact():
    path = Resources(()).path("persuasion/model.json")
    with open(path, "rb") as fh:
        assert len(fh.read()) < 10_000_000


def test_taxonomy_covers_model_classes_and_semeval2023_scheme(model_dict):
    tax = Resources(()).json("persuasion/taxonomy.json")
    assert len(tax["techniques"]) == 23
    assert set(tax["categories"]) == {"Attack on reputation", "Justification", "Simplification", "Distraction",
                                      "Call", "Manipulative wording"}
    assert {t["category"] for t in tax["techniques"].values()} == set(tax["categories"])
    assert set(model_dict["tc"]["classes"]) == set(tax["ptc"])
    for m in tax["ptc"].values():
        assert m["kind"].startswith("persuasion.")
        assert all(t in tax["techniques"] for t in m["techniques"])


def test_model_probabilities_are_distributions(model_dict):
    m = PersuasionModel(model_dict)
    art = _article()
    p = m.token_probs(art)
    assert p.shape == (len(art.toks),) and ((p >= 0) & (p <= 1)).all()
    q = m.classify(art.span_features(18, 32))
    assert q.shape == (14,) and abs(float(q.sum()) - 1.0) < 1e-5


def test_model_file_holds_no_article_text(model_dict):
    blob = json.dumps({k: v for k, v in model_dict.items() if k != "provenance"})
    assert " the " not in blob


def test_candidates_runs_at_several_thresholds_and_whole_sentence():
    from unspin.models.persuasion import candidates

    toks = tokenize("a b c d e f g h i j")
    p = [0.05, 0.6, 0.3, 0.05, 0.05, 0.05, 0.2, 0.05, 0.05, 0.05]
    c = candidates(p, toks, thresholds=(0.15, 0.5), whole=0.5)
    # runs at 0.15 ("b c", "g") and at 0.5 ("b"); the sentence's mean is below 0.5: no whole sentence
    assert c == [(2, 3), (2, 5), (12, 13)]
    assert (0, 19) in candidates(p, toks, thresholds=(0.15,), whole=0.1)
    assert candidates([0.0] * 10, toks, thresholds=(0.15,), whole=0.5) == []


def test_select_spans_keeps_best_and_nested_but_not_near_duplicates():
    from unspin.models.persuasion import select_spans

    scored = [(0, 50, 0.6), (0, 48, 0.55), (10, 17, 0.7), (60, 70, 0.2)]
    kept = select_spans(scored, 0.3)
    assert [(s, e) for s, e, _ in kept] == [(10, 17), (0, 50)]  # best first; (0, 48) duplicates (0, 50)
    assert select_spans(scored, 0.9) == []


def test_nesting_counts():
    from unspin.models.persuasion import nesting

    spans = [(0, 50), (10, 17), (45, 60)]
    assert nesting(10, 17, spans) == (1, 0, 0)
    assert nesting(0, 50, spans) == (0, 1, 1)


# -- the analyzer on self-written articles ------------------------------------------------------
LOADED_ARTICLE = ("The mayor met residents on Monday. These corrupt, lying bureaucrats have betrayed every family "
                  "in this town. The budget will be published next week.")
NEUTRAL_ARTICLE = ("The council approved the budget on Tuesday. Officials said the plan would cost 3 million "
                   "dollars. The meeting ended at noon.")


@pytest.fixture(scope="module")
def analyzer():
    from unspin import Context
    from unspin.analyzers.persuasion import PersuasionAnalyzer

    a = PersuasionAnalyzer()
    a.setup(Context.build())
    return a


def _findings(analyzer, text, title="Town hall"):
    from unspin import Document

    return list(analyzer.analyze(Document(title=title, text=text, language="en")))


def test_loaded_language_is_found_on_the_loaded_words(analyzer):
    fs = _findings(analyzer, LOADED_ARTICLE)
    hits = [f for f in fs if f.kind in ("persuasion.loaded_language", "persuasion.name_calling")]
    assert hits, [(f.kind, f.evidence[0].text) for f in fs]
    assert all(any(w in f.evidence[0].text for w in ("corrupt", "lying", "betrayed")) for f in hits)
    # nothing on the neutral sentences around it
    assert not any("Monday" in f.evidence[0].text or "budget" in f.evidence[0].text for f in fs)


def test_neutral_article_has_no_findings(analyzer):
    assert _findings(analyzer, NEUTRAL_ARTICLE, title="Council approves budget") == []


def test_no_function_word_or_weak_single_word_spans(analyzer):
    import re

    stop = set(Resources(()).json("english/function_words.json")["stop"])
    texts = [LOADED_ARTICLE, NEUTRAL_ARTICLE,
             "How many more times will they lie to us? Enough is enough. They take and take, and we pay for it all.",
             "It is what it is. We have to do what we can, and they will do what they will."]
    for text in texts:
        for f in _findings(analyzer, text):
            words = re.findall(r"[A-Za-z]+", f.evidence[0].text)
            assert any(w.lower() not in stop and len(w) >= 4 for w in words), f.evidence[0].text
            if len(words) == 1:  # a lone word must clear the precision-oriented reporting threshold
                assert f.data["span_probability"] >= analyzer.model.sc_report, f.evidence[0].text


def test_transformer_path_errors_name_the_variable_and_the_cause(tmp_path, monkeypatch):
    from unspin import Context, ResourceError
    from unspin.analyzers.persuasion import PersuasionAnalyzer

    monkeypatch.setenv("UNSPIN_PERSUASION_MODEL", str(tmp_path / "no-such-model"))
    with pytest.raises(ResourceError, match="UNSPIN_PERSUASION_MODEL=.*not a directory"):
        PersuasionAnalyzer().setup(Context.build())
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("UNSPIN_PERSUASION_MODEL", str(tmp_path / "empty"))
    with pytest.raises(ResourceError, match="UNSPIN_PERSUASION_MODEL=.*(transformers|cannot load)"):
        PersuasionAnalyzer().setup(Context.build())


def test_transformer_path_with_a_tiny_local_model(tmp_path, monkeypatch):
    """A real (tiny, untrained) BERT saved to disk: the analyzer loads it offline and lets it name
    the techniques. Runs where the [transformers] extra is installed."""
    pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from unspin import Document
    from unspin.analyzers.persuasion import PersuasionAnalyzer
    from unspin.resources import Resources

    classes = sorted(Resources(()).json("persuasion/taxonomy.json")["ptc"])
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + "the a of traitors corrupt lying regime betrayed our nation".split()
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("\n".join(words) + "\n", encoding="utf-8")
    tok = transformers.BertTokenizer(str(vocab))
    cfg = transformers.BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                                  intermediate_size=32, num_labels=len(classes),
                                  id2label=dict(enumerate(classes)), label2id={c: i for i, c in enumerate(classes)})
    model = transformers.BertForSequenceClassification(cfg)
    out = tmp_path / "tiny-ptc"
    model.save_pretrained(out)
    tok.save_pretrained(out)
    monkeypatch.setenv("UNSPIN_PERSUASION_MODEL", str(out))
    from unspin import Context

    a = PersuasionAnalyzer()
    a.setup(Context.build())
    text = ("The corrupt regime betrayed our nation again. These lying traitors will stop at nothing, "
            "and every honest citizen knows it. The minister spoke on Tuesday.")
    doc = Document(title="", text=text, language="en")
    total, found = a.spans(doc)
    # the CPU span finder proposes spans; the (untrained) transformer names a PTC class for each
    assert total and found and all(cls in classes and 0.0 < p <= 1.0 for *_, cls, p in found)
    assert a.classifier == "transformer:tiny-ptc"
    for f in a.analyze(doc):  # an untrained model is unsure: whatever is reported says who named it
        assert f.data["classifier"] == "transformer:tiny-ptc" and f.kind in a.produces


def test_select_spans_and_occurrences_match_the_exhaustive_versions():
    """select_spans looks only at kept spans near a candidate, occurrences uses a per-article
    position index (both used to scan everything: quadratic on long articles); same answers."""
    import random

    import numpy as np

    from unspin.models.persuasion import Article, Lexicon, select_spans

    rng = random.Random(5)
    for _ in range(200):
        scored = []
        for _ in range(rng.randint(0, 60)):
            s = rng.randint(0, 300)
            scored.append((s, s + rng.randint(1, 80), rng.random()))

        kept = []
        for s, e, p in sorted(scored, key=lambda c: -c[2]):
            if p < 0.3:
                break
            if any(min(e, e2) - max(s, s2) > 0.5 * (max(e, e2) - min(s, s2)) for s2, e2, _ in kept):
                continue
            kept.append((s, e, p))
        assert select_spans(scored, 0.3) == kept
    words = "the cat sat on the mat and the cat ran to the mat again".split()
    text = " ".join(rng.choice(words) for _ in range(400))
    art = Article(text, [(0, len(text))], Lexicon({}, {}))
    for i in range(0, len(art.toks) - 3, 7):
        for n in (1, 2, 3):
            j = i + n
            for ids in (None, art.sids):
                got = art.occurrences(i, j, ids)
                arr = art.ids if ids is None else ids
                want = [p for p in range(len(arr) - n + 1) if list(arr[p:p + n]) == list(arr[i:j])]
                assert list(got) == want and got.dtype == np.int64
