import gzip
import io
import json

import pytest

from unspin import UsageError
from unspin.ingest import (
    Failure,
    FieldMap,
    IngestStats,
    RawArticle,
    format_of,
    is_batch,
    normalize,
    read_inputs,
)
from unspin.ingest.normalize import clean_text, stable_id


def _read(paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def test_text_file(fixtures):
    [raw] = _read([fixtures / "clean.txt"])
    assert isinstance(raw, RawArticle)
    assert raw.outlet == "Valley Courier" and raw.section == "Education"
    assert raw.title.startswith("School board delays vote")


def test_html_page_main_text_and_metadata(fixtures):
    [raw] = _read([fixtures / "page.html"])
    assert raw.format == "html"
    assert raw.outlet == "Lakeshore Tribune"
    assert raw.title.startswith("Revealed: The Secret Port Deal")
    assert raw.published == "2026-05-14"
    assert raw.url == "https://lakeshore-tribune.example/world/secret-port-deal"
    assert "Shangwubu spokesperson" in raw.text
    assert "Subscribe to our newsletter" not in raw.text  # boilerplate removed
    assert not raw.text.startswith("Revealed")  # headline not repeated in the body
    assert raw.field_sources["title"] == "html-metadata"


def test_jsonl_with_default_and_paragraph_fields(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(
        json.dumps({"id": "a1", "title": "T1", "outlet": "O", "text": "Body one. More."}) + "\n"
        + json.dumps({"headline": "T2", "paragraphs": ["P one.", "P two."], "date": "2020-01-01"}) + "\n",
        encoding="utf-8",
    )
    a, b = _read([p])
    assert (a.id, a.title, a.outlet, a.source) == ("a1", "T1", "O", f"{p}:1")
    assert b.text == "P one.\n\nP two." and b.title == "T2" and b.published == "2020-01-01"


def test_field_mapping_flags(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"story": "Body text here.", "hed": "Headline", "text": "not this"}) + "\n")
    [raw] = _read([p], fields=FieldMap(text="story", title="hed"))
    assert raw.text == "Body text here." and raw.title == "Headline"
    p2 = tmp_path / "b.jsonl"
    p2.write_text(json.dumps({"text": "Body"}) + "\n")
    [fail] = _read([p2], fields=FieldMap(text="story"))
    assert isinstance(fail, Failure) and "'story'" in fail.reason


def test_gzipped_jsonl(tmp_path):
    p = tmp_path / "a.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "Hello there. It is a body."}) + "\n")
    [raw] = _read([p])
    assert raw.text.startswith("Hello")


def test_json_object_and_array(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Single body.", "title": "One"}))
    arr = tmp_path / "arr.json"
    arr.write_text(json.dumps([{"text": "A body."}, {"nope": 1}, {"text": "C body."}]))
    [r1] = _read([one])
    assert r1.title == "One" and r1.source == str(one)
    items = _read([arr])
    assert [type(i).__name__ for i in items] == ["RawArticle", "Failure", "RawArticle"]
    assert items[1].source == f"{arr}#1"


def test_json_record_with_html_field(tmp_path, fixtures):
    p = tmp_path / "h.json"
    p.write_text(json.dumps({"html": (fixtures / "page.html").read_text(), "url": "https://x.example/a"}))
    [raw] = _read([p])
    assert "Shangwubu" in raw.text and raw.url == "https://x.example/a"


def test_csv_and_tsv(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('id,title,text,outlet\n1,First,"Body, with comma.\n\nSecond para.",Daily\n2,Second,Other body.,Weekly\n')
    a, b = _read([p])
    assert a.text == "Body, with comma.\n\nSecond para." and a.outlet == "Daily" and a.source == f"{p}:2"
    assert b.source == f"{p}:5" and b.id == "2"
    t = tmp_path / "a.tsv"
    t.write_text("title\ttext\nT\tTab body.\n")
    [r] = _read([t])
    assert r.title == "T" and r.text == "Tab body."


def test_csv_row_with_wrong_field_count_is_a_failure(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("title,text\nA,Body a.\nB,Body b.,extra\nC,Body c.\n")
    items = _read([p])
    assert [type(i).__name__ for i in items] == ["RawArticle", "Failure", "RawArticle"]
    assert "3 fields" in items[1].reason and items[1].source.endswith(":3")


def _warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for uri, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            w.write_record(rec)


def test_warc_gz_html_responses(tmp_path, fixtures):
    p = tmp_path / "crawl.warc.gz"
    page = (fixtures / "page.html").read_bytes()
    _warc(p, [("https://a.example/1", "text/html; charset=utf-8", page),
              ("https://a.example/logo.png", "image/png", b"\x89PNG..."),
              ("https://a.example/2", "text/html", b"<html><body></body></html>")])
    stats = IngestStats()
    items = _read([p], stats=stats)
    assert isinstance(items[0], RawArticle) and items[0].url == "https://a.example/1" and items[0].format == "warc"
    assert isinstance(items[1], Failure) and "no article text" in items[1].reason
    assert stats.skipped_non_html_records == 1


def test_directory_recursive_by_extension(tmp_path, fixtures):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text((fixtures / "clean.txt").read_text())
    (tmp_path / "sub" / "b.html").write_text((fixtures / "page.html").read_text())
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    stats = IngestStats()
    items = _read([tmp_path], stats=stats)
    assert sorted(i.format for i in items) == ["html", "text"]
    assert stats.skipped_files == [str(tmp_path / "notes.pdf")]


def test_format_and_batch_detection(tmp_path):
    assert format_of("x.WARC.GZ") == "warc" and format_of("a.jsonl.gz") == "jsonl" and format_of("a.pdf") is None
    assert is_batch(["a.txt", "b.txt"]) and is_batch(["a.jsonl"]) and not is_batch(["a.txt"])
    assert is_batch([str(tmp_path)]) and not is_batch(["-"]) and is_batch(["-"], "jsonl")
    with pytest.raises(UsageError):
        list(read_inputs(["x"], input_format="pdf"))


def test_normalize_repairs_unicode_and_detects_language():
    raw = RawArticle(text="The cafÃ© reopened on Monday.  \r\nIt was busy.\n\n\n\nVery busy.", source="s", format="text")
    doc = normalize(raw)
    article = doc.article.to_dict()
    assert "café" in doc.text and "\r" not in doc.text and "\n\n\n" not in doc.text
    assert article["language"] == "en" and article["field_sources"]["language"] == "detected"
    assert article["id"] == stable_id(doc.text)
    ru = RawArticle(text="Губернатор Белгородской области сообщил о завершении разминирования моста.", source="s", format="text")
    assert normalize(ru).article.language == "ru"


def test_stable_id_ignores_whitespace_layout():
    assert stable_id("A  b\n\nc") == stable_id("A b c") != stable_id("A b d")
    assert stable_id("x").startswith("sha256:") and len(stable_id("x")) == 7 + 64


def test_given_id_and_language_win():
    raw = RawArticle(text="Some text here that is English.", source="s", format="json", id="my-id", language="DE")
    article = normalize(raw).article.to_dict()
    assert article["id"] == "my-id" and article["language"] == "de"


def test_clean_text_ascii_fast_path_keeps_text():
    assert clean_text("  plain ascii\n") == "plain ascii"


def test_english_shortcut_only_for_english_prose():
    from unspin.ingest.normalize import detect_language, fast_english

    en = ("The council voted on Tuesday to approve the plan, which has been debated for months. " * 8)
    assert fast_english(en) is not None and detect_language(en) == ("en", 0.99)
    others = {
        "fr": "Le conseil municipal a voté mardi pour approuver le plan, qui était débattu depuis des mois. " * 8,
        "de": "Der Stadtrat hat am Dienstag beschlossen, den Plan zu billigen, über den seit Monaten debattiert wird. " * 8,
        "es": "El consejo municipal votó el martes para aprobar el plan, que se debatía desde hacía meses. " * 8,
        "it": "Il consiglio comunale ha votato martedì per approvare il piano, discusso da mesi. " * 8,
        "pl": "Rada miasta zagłosowała we wtorek za przyjęciem planu, o którym dyskutowano od miesięcy. " * 8,
        "ru": "Городской совет во вторник проголосовал за утверждение плана, который обсуждался несколько месяцев. " * 8,
    }
    for lang, text in others.items():
        assert fast_english(text) is None, lang
        assert detect_language(text)[0] == lang
    assert fast_english("The council met.") is None  # too short to decide without the model
