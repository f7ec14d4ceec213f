"""RawArticle -> Document: Unicode repair (ftfy), whitespace, language, stable id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from ..document import Document
from ..errors import EmptyInputError
from .model import RawArticle

_TRAILING_WS = re.compile(r"[ \t\f\v\u00a0]+\n")
_MANY_NL = re.compile(r"\n{3,}")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")
_LANGID_CHARS = 3000


_SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """Lone UTF-16 surrogates (from JSON escapes such as ``"\\ud800"``) replaced by U+FFFD: they
    cannot be written as UTF-8, so a report holding one could not be printed or stored."""
    return _SURROGATE.sub("\ufffd", text) if not text.isascii() else text


def clean_text(text: str) -> str:
    """Repair mojibake and odd Unicode (ftfy, only when the text is not plain ASCII), NFC,
    unify line ends, drop invisible characters and trailing spaces."""
    if not text.isascii():
        text = no_surrogates(text)
        import ftfy

        text = ftfy.fix_text(text, normalization="NFC")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _TRAILING_WS.sub("\n", text)
    text = _MANY_NL.sub("\n\n", text)
    return text.strip()


def stable_id(text: str) -> str:
    """``sha256:`` of the text with Unicode NFC and all whitespace runs collapsed to one space."""
    norm = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return "sha256:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
@lru_cache(maxsize=8)
def _en_function(dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """The commonest English function words (resources/english/function_words.json, looked up
    along the search path ``dirs``). In running English prose they make up about a third of the
    words; in other languages almost none occur."""
    from ..resources import Resources

    return frozenset(Resources(dirs).json("english/function_words.json")["language_id"])


_WORDS = re.compile(r"[^\W\d_]+")
#: share of English function words above which a long enough text is English without asking
#: py3langid (whose model takes about 0.3 s to load); measured by benchmarks/bench_langid.py
EN_FAST_SHARE = 0.22
EN_FAST_MIN_WORDS = 60


def fast_english(text: str, resource_dirs: tuple[str, ...] = ()) -> float | None:
    """The share of English function words when it clearly marks English prose, else None."""
    words = _WORDS.findall(text[:_LANGID_CHARS])
    if len(words) < EN_FAST_MIN_WORDS:
        return None
    fw = _en_function(tuple(resource_dirs))
    share = sum(1 for w in words if w.lower() in fw) / len(words)
    return share if share >= EN_FAST_SHARE else None


def detect_language(text: str, min_chars: int = 20, resource_dirs: tuple[str, ...] = ()) -> tuple[str, float | None]:
    """(ISO 639-1 code, probability), offline; "und" for too little text.

    Long English prose is recognised by its function words (no model needed); everything else,
    and every short or doubtful text, goes to py3langid.
    """
    sample = text[:_LANGID_CHARS]
    if sum(c.isalpha() for c in sample) < min_chars:
        return "und", None
    if fast_english(sample, resource_dirs) is not None:
        return "en", 0.99
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


def normalize(raw: RawArticle, min_langid_chars: int = 20, resource_dirs: tuple[str, ...] = ()) -> Document:
    """The Document (with its :class:`~unspin.report.model.Article`) for a raw article.
    ``resource_dirs``: user resource directories searched before the package."""
    from ..report.model import Article

    if any(_SURROGATE.search(v) for v in (raw.text, raw.title or "", raw.id or "", raw.source) if not v.isascii()):
        raw.warnings.append({"code": "lone_surrogate", "message": f"{no_surrogates(raw.source)}: lone UTF-16 surrogates replaced with U+FFFD"})
        raw.id = no_surrogates(raw.id) if raw.id else raw.id
        raw.source = no_surrogates(raw.source)
    text = clean_text(raw.text)
    title = clean_text(raw.title or "")
    title = _SPACES.sub(" ", title)
    if not text:
        raise EmptyInputError(raw.source, "no article text after cleaning")
    if not any(c.isalpha() for c in text):
        raise EmptyInputError(raw.source, "no readable text (no letters in any script)")
    if raw.language:
        language, conf = raw.language.lower(), None
    else:
        language, conf = detect_language(title + "\n" + text, min_langid_chars, resource_dirs)
    sources = dict(raw.field_sources)
    if raw.language:
        sources.setdefault("language", "input")
    else:
        sources["language"] = "detected"
    if not raw.id:
        sources["id"] = "sha256"
    article = Article(
        id=raw.id or stable_id(text), source=raw.source, title=title, outlet=raw.outlet,
        url=raw.url, published=raw.published, author=raw.author, section=raw.section,
        language=language, language_confidence=None if conf is None else round(conf, 4),
        chars=len(text), format=raw.format, field_sources=sources,
    )
    return Document(title=title, text=text, language=language, article=article)
