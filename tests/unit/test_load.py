from pathlib import Path

from generator.load import MAX_FILE_BYTES, load_page_file, load_yaml_file, parse_yaml


def messages(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{p.line}:{p.field}:{p.message}" for p in document.problems]


def test_values_keep_the_text_written_and_remember_their_line() -> None:
    document = parse_yaml("title: NO\ndate: 2020-01-29\nsources:\n  - url: https://a.example\n", "e.yaml")
    assert document.data == {"title": "NO", "date": "2020-01-29", "sources": [{"url": "https://a.example"}]}
    assert document.kinds["title"] == "boolean"
    assert document.kinds["date"] == "date"
    assert document.positions["sources[0].url"] == (4, 10)  # the value, where the fix goes


def test_quoted_values_are_plain_text() -> None:
    document = parse_yaml('title: "NO"\n', "e.yaml")
    assert "title" not in document.kinds


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    document = parse_yaml("title: a\nsummary: b\ntitle: c\n", "e.yaml")
    assert messages(document) == ["3:title:field appears twice (first on line 1)"]


def test_alias_bomb_is_rejected_quickly_and_reported_once() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        previous, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    document = parse_yaml("\n".join(lines), "bomb.yaml")
    assert len(document.problems) == 1
    assert "aliases" in document.problems[0].message


def test_custom_tags_and_merge_keys_are_rejected() -> None:
    document = parse_yaml("a: !!python/object:os.system x\nb:\n  <<: {c: 1}\n", "e.yaml")
    assert [p.line for p in document.problems] == [1, 3]


def test_yaml_syntax_errors_name_the_line() -> None:
    document = parse_yaml("title: a\nsummary: [unclosed\n", "e.yaml")
    assert document.data is None
    assert document.problems[0].message.startswith("YAML syntax")
    assert document.problems[0].line >= 2


def test_bad_bytes_and_sizes_are_reported_not_crashed_on(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes(b"title: caf\xe9\n")
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES)
    control = tmp_path / "control.yaml"
    control.write_bytes(b"title: a\x07b\n")
    assert "not valid UTF-8" in load_yaml_file(latin1, "latin1.yaml").problems[0].message
    assert "limit" in load_yaml_file(huge, "huge.yaml").problems[0].message
    assert "U+0007" in load_yaml_file(control, "control.yaml").problems[0].message


def test_page_front_matter_lines_count_from_the_top_of_the_file(tmp_path: Path) -> None:
    page = tmp_path / "about.md"
    page.write_text("---\ntitle: About\ntitle: Again\n---\nText\n", encoding="utf-8")
    source = load_page_file(page, "about.md")
    assert source.body.strip() == "Text"
    assert [(p.line, p.field) for p in source.document.problems] == [(3, "title")]
