"""`make bench` without ../shared must leave the recorded numbers alone (it used to overwrite
docs/benchmarks.md with "skipped")."""

from benchmarks.run import merge_results, merge_sections, parse_sections

OLD = ("<!-- bench:bench_a -->\n## A\n\n| x | 1.23 |\n<!-- /bench:bench_a -->\n\n"
       "<!-- bench:bench_b -->\n## B\n\nold b\n<!-- /bench:bench_b -->\n")


def test_a_skipped_benchmark_keeps_its_section():
    new = {"bench_a": "## A\n\nSkipped: ../shared/data missing\n", "bench_b": "## B\n\nnew b\n"}
    page = merge_sections(OLD, new, skipped={"bench_a"})
    sections = parse_sections(page)
    assert "| x | 1.23 |" in sections["bench_a"] and "Skipped" not in sections["bench_a"]
    assert "new b" in sections["bench_b"]


def test_a_benchmark_that_ran_replaces_its_section():
    page = merge_sections(OLD, {"bench_a": "## A\n\n| x | 2.00 |\n"}, skipped=set())
    assert "2.00" in parse_sections(page)["bench_a"]


def test_results_keep_the_previous_entry_when_skipped():
    old = {"bench_a": {"value": 1}}
    assert merge_results(old, {"bench_a": {"skipped": "no data"}}, {"bench_a"}) == old
