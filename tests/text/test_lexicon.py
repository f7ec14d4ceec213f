import random
import re

from unspin.text.lexicon import alternation, ends_with, longest


def test_alternation_matches_whole_words_longest_first():
    rx = alternation(["said", "said that", "told"])
    assert [m.group(0) for m in rx.finditer("She said that he told us; unsaid, self-told.")] == ["said that", "told"]


def test_ends_with_equals_searching_the_whole_slice():
    words = ["were", "was", "to", "not", "be", "is", "are", "were-", "to.", "x", "towards"]
    rx = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\s*$", re.I)
    rng = random.Random(3)
    alphabet = ["were", "To", "x", " ", "  ", "\n", "-", "a", "was", "nt", "ed"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for start in range(0, len(text) + 1, 7):
            for end in range(start, len(text) + 1, 3):
                assert ends_with(rx, text, start, end, longest(words)) == bool(rx.search(text[start:end])), (text, start, end)
