from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.ingest import read_text
from unspin.ingest.text import split_header


def test_masthead_section_headline_body():
    h, body = split_header("Sacramento Herald\nWorld\n\nExclusive: Something Happened\n\nThe body. It goes on.\n\nMore body.")
    assert h == {"outlet": "Sacramento Herald", "section": "World", "title": "Exclusive: Something Happened"}
    assert body == "The body. It goes on.\n\nMore body."


def test_one_header_line_is_the_headline():
    h, body = split_header("Council approves budget\n\nThe council voted on Tuesday.")
    assert h == {"title": "Council approves budget"}
    assert body == "The council voted on Tuesday."


def test_outlet_and_headline_in_one_block():
    h, _ = split_header("Valley Courier\nSchool board delays vote\n\nThe board met on Monday.")
    assert h == {"outlet": "Valley Courier", "title": "School board delays vote"}


def test_three_lines_in_one_block():
    h, _ = split_header("Valley Courier\nEducation\nSchool board delays vote\n\nThe board met on Monday.")
    assert h == {"outlet": "Valley Courier", "section": "Education", "title": "School board delays vote"}


def test_date_byline_url_lines():
    text = ("Valley Courier\nEducation\n\nSchool board delays vote\nBy Jane Doe\nMarch 3, 2026\n"
            "https://courier.example/a\n\nThe board met on Monday.")
    h, body = split_header(text)
    assert h["title"] == "School board delays vote"
    assert h["author"] == "Jane Doe"
    assert h["published"] == "March 3, 2026"
    assert h["url"] == "https://courier.example/a"
    assert body == "The board met on Monday."


def test_no_header_all_body():
    text = "The council voted on Tuesday to approve the plan.\n\nIt will cost $4 million."
    h, body = split_header(text)
    assert h == {}
    assert body == text


def test_body_only_single_block_without_punctuation_stays_body():
    h, body = split_header("just some words without punctuation")
    assert h == {}
    assert body == "just some words without punctuation"


def test_long_first_line_is_body():
    first = "This first paragraph is long enough " * 6
    h, _ = split_header(first + "\n\nSecond.")
    assert h == {}


def test_markdown_heading():
    h, body = split_header("# A markdown headline\n\nBody text here.")
    assert h == {"title": "A markdown headline"}
    assert body == "Body text here."


def test_read_text_records_field_sources():
    raw = read_text("Valley Courier\nSchool board delays vote\n\nThe board met on Monday.", "x.txt")
    assert raw.field_sources == {"outlet": "header-block", "title": "header-block"}
    assert raw.format == "text"


WORDS = st.sampled_from(["Herald", "world", "The", "council", "met.", "Exclusive:", "By", "2026-01-02",
                          "said", "?", "!", "#", "Secret", "a", "Monday."])
LINES = st.lists(WORDS, min_size=0, max_size=12).map(" ".join)
TEXT = st.lists(LINES, min_size=0, max_size=12).map(lambda ls: "\n".join(ls)) | st.text(max_size=300)


@given(TEXT)
@settings(max_examples=400, deadline=None)
def test_split_header_is_total_and_loses_no_body_words(text):
    header, body = split_header(text)
    if text.strip():
        assert body.strip(), "there is always a body"
    # every word of the output was in the input, in order for the body
    words_in = text.split()
    words_body = body.split()
    it = iter(words_in)
    assert all(any(w == x for x in it) for w in words_body), "body words are a subsequence of the input"
    assert all(isinstance(v, str) and v for v in header.values())
