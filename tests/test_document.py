from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.document import NEEDS, Document

TEXTS = st.lists(
    st.sampled_from(list("abcXYZ .,!?…\"'”»)(\n\t\r-’1é中。Д\u00a0") + ["Mr.", "U.S.", "\n\n", "e.g.", " 3.5 "]),
    max_size=200,
).map("".join) | st.text(max_size=200)


def _check(doc, segs, field):
    src = doc.field(field)
    prev_end = 0
    for s in segs:
        assert s.field == field
        assert src[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip() or field != "text" or s in doc.tokens
        assert s.start >= prev_end
        prev_end = s.end


@given(TEXTS, TEXTS)
@settings(max_examples=300, deadline=None)
def test_every_offset_slices_back(title, text):
    doc = Document(title=title, text=text)
    _check(doc, doc.paragraphs, "text")
    _check(doc, doc.sentences, "text")
    _check(doc, doc.tokens, "text")
    _check(doc, doc.title_tokens, "title")


@given(TEXTS)
@settings(max_examples=200, deadline=None)
def test_sentences_lie_inside_paragraphs_and_cover_their_words(text):
    doc = Document(text=text)
    paras = doc.paragraphs
    for s, pi in zip(doc.sentences, doc.sentence_paragraph, strict=True):
        p = paras[pi]
        assert p.start <= s.start and s.end <= p.end
    # no non-space character of a paragraph is outside every sentence
    covered = set()
    for s in doc.sentences:
        covered.update(range(s.start, s.end))
    for p in paras:
        for i in range(p.start, p.end):
            if not text[i].isspace():
                assert i in covered


@given(TEXTS)
@settings(max_examples=200, deadline=None)
def test_tokens_cover_every_non_space_char(text):
    doc = Document(text=text)
    covered = set()
    for t in doc.tokens:
        covered.update(range(t.start, t.end))
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


def test_segmentation_of_news_text():
    text = (
        "Mr. Smith went to Washington on Jan. 5. He met U.S. officials at 3 p.m. on Friday.\n\n"
        '"We are ready," he said. Was it over? No.\n\n'
        "The vote was 6-1. Officials said No. 5 was next."
    )
    doc = Document(title="A title", text=text)
    assert [p.text[:10] for p in doc.paragraphs] == ["Mr. Smith ", '"We are re', "The vote w"]
    assert [s.text for s in doc.sentences] == [
        "Mr. Smith went to Washington on Jan. 5.",
        "He met U.S. officials at 3 p.m. on Friday.",
        '"We are ready," he said.',
        "Was it over?",
        "No.",
        "The vote was 6-1.",
        "Officials said No. 5 was next.",
    ]
    assert doc.sentence_paragraph == (0, 0, 1, 1, 1, 2, 2)
    assert [t.text for t in doc.title_tokens] == ["A", "title"]


def test_lines_are_paragraphs_when_no_blank_lines():
    doc = Document(text="First line.\nSecond line.\n")
    assert [p.text for p in doc.paragraphs] == ["First line.", "Second line."]


def test_cjk_sentences():
    doc = Document(text="北京今天下雨。明天会晴吗？会的。")
    assert [s.text for s in doc.sentences] == ["北京今天下雨。", "明天会晴吗？", "会的。"]


def test_segmentation_is_computed_once_and_document_is_read_only():
    doc = Document(text="One. Two.")
    assert doc.sentences is doc.sentences
    import dataclasses

    try:
        doc.text = "changed"
    except dataclasses.FrozenInstanceError:
        pass
    else:  # pragma: no cover
        raise AssertionError("Document must be read-only")


def test_prepare_rejects_unknown_needs():
    import pytest

    doc = Document(text="x")
    doc.prepare(NEEDS)
    with pytest.raises(ValueError, match="unknown need"):
        doc.prepare({"embeddings"})


def test_tokens_in_segment():
    doc = Document(text="Alpha beta. Gamma delta epsilon.")
    s2 = doc.sentences[1]
    assert [t.text for t in doc.tokens_in(s2)] == ["Gamma", "delta", "epsilon", "."]
    assert doc.word_count == 5
