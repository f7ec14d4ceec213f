from hypothesis import given
from hypothesis import strategies as st

from unspin.text.quotes import QuoteIndex, quoted_ranges


def test_pairs_of_each_kind():
    t = 'He said "yes". She said “no”. Они сказали «да». Sie sagte „nein“.'
    got = [t[a:b] for a, b in quoted_ranges(t)]
    assert got == ['"yes"', "“no”", "«да»", "„nein“"]


def test_unclosed_quote_runs_to_end_of_paragraph():
    t = '"This goes on\nNext paragraph.'
    assert [t[a:b] for a, b in quoted_ranges(t)] == ['"This goes on']


def test_index_covers():
    t = 'Before. "Inside the quote." After.'
    q = QuoteIndex(t)
    i = t.index("Inside")
    assert q.covers(i, i + 6)
    assert not q.covers(0, 6)


@given(st.text(alphabet='ab "“”«»\n', max_size=80))
def test_ranges_are_sorted_disjoint_and_inside(text):
    rs = quoted_ranges(text)
    last = 0
    for a, b in rs:
        assert last <= a < b <= len(text)
        last = b
