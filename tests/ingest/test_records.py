"""Record formats: coerced metadata fields warn; JSON error messages read well."""

import io
import json

import pytest

from unspin import RecordError
from unspin.ingest import Failure, RawArticle, read_inputs, read_stream


def _jsonl(tmp_path, *records):
    p = tmp_path / "a.jsonl"
    p.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))
    return p, list(read_inputs([str(p)]))


def test_non_string_metadata_is_read_with_a_coerced_field_warning(tmp_path):
    p, [raw] = _jsonl(tmp_path, {"text": "A body. More.", "title": 42, "id": {"n": 7}, "outlet": 3.5,
                                 "url": ["https://a.example/x"], "language": "en"})
    assert (raw.title, raw.id, raw.outlet, raw.url) == ("42", '{"n":7}', "3.5", "https://a.example/x")
    msgs = {w["message"] for w in raw.warnings if w["code"] == "coerced_field"}
    assert msgs == {
        f"{p}:1: field 'title' is a number, read as the string '42'",
        f"{p}:1: field 'id' is an object, read as the string '{{\"n\":7}}'",
        f"{p}:1: field 'outlet' is a number, read as the string '3.5'",
        f"{p}:1: field 'url' is an array, read as the string 'https://a.example/x'",
    }


def test_array_id_and_boolean_in_a_json_array(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps([{"text": "Body one.", "id": [1, 2]}, {"text": "Body two.", "section": True}]))
    a, b = read_inputs([str(p)])
    assert a.id == "1, 2" and [w["message"] for w in a.warnings] == [f"{p}#0: field 'id' is an array, read as the string '1, 2'"]
    assert b.section == "True" and "field 'section' is a boolean" in b.warnings[0]["message"]


def test_string_fields_and_author_lists_do_not_warn(tmp_path):
    _, [raw] = _jsonl(tmp_path, {"text": "A body.", "title": "T", "authors": ["Ann Lee", "Bo Kim"]})
    assert raw.author == "Ann Lee, Bo Kim" and raw.warnings == []


def test_csv_fields_never_warn(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("id,title,text\n42,7,A body.\n")
    [raw] = read_inputs([str(p)])
    assert raw.id == "42" and raw.title == "7" and raw.warnings == []


@pytest.mark.parametrize("value, kind", [(123, "a number"), ({"a": 1}, "an object"), (True, "a boolean"), ([1, 2], "an array")])
def test_non_string_text_is_a_record_error(tmp_path, value, kind):
    p, [fail] = _jsonl(tmp_path, {"text": value})
    assert isinstance(fail, Failure) and isinstance(fail.error, RecordError)
    assert fail.message == f"{p}:1: field 'text' is {kind}, expected text"


def test_invalid_json_messages_say_at_once():
    [fail] = read_stream(io.BytesIO(b'{"text": "never closed'), "in.json", "json")
    assert fail.message == "in.json: invalid JSON (Unterminated string starting at line 1, column 10)"
    [fail] = read_stream(io.BytesIO(b'{"text" "x"}'), "in.json", "json")
    assert fail.message == "in.json: invalid JSON (Expecting ':' delimiter at line 1, column 9)"


def test_invalid_jsonl_line_message_says_at_once(tmp_path):
    p, items = _jsonl(tmp_path, {"text": "Fine body."}, '{"text": "bad\\u00"}', '{"text": "cut')
    assert isinstance(items[0], RawArticle)
    assert items[1].message == f"{p}:2: invalid JSON (Invalid \\uXXXX escape at column 15)"
    assert items[2].message == f"{p}:3: invalid JSON (Unterminated string starting at column 10)"
    assert all(" at at " not in i.message for i in items[1:])
