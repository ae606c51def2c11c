"""yamlio builds what yaml.safe_load builds, with the line of every key and item."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from campaign_kb.problems import DataError
from campaign_kb.yamlio import load_yaml

TRICKY = """\
- id: a
  count: 12
  share: 0.5
  date: 2023-05-06
  draft: false
  empty:
  quoted: "12"
  tags: [五级联动, 红黑榜]
  base: &base
    city: xa
    year: 2023
- id: b
  merged:
    <<: *base
    year: 2024
  again: *base
  set: !!set {x, y}
  text: |
    多行
    文字
  1: a number as key
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_are_those_of_safe_load(tmp_path: Path) -> None:
    loaded = load_yaml(_write(tmp_path, TRICKY))
    assert loaded.data == yaml.safe_load(TRICKY)


def test_lines_of_keys_items_and_nested_values(tmp_path: Path) -> None:
    loaded = load_yaml(_write(tmp_path, TRICKY))
    assert loaded.line_of((0, "count")) == 2
    assert loaded.line_of((0, "tags", 1)) == 8
    assert loaded.line_of((1,)) == 12
    assert loaded.line_of((1, "merged", "year")) == 15
    assert loaded.line_of((1, "text")) == 18
    assert loaded.line_of((1, "nothing", "here")) == 12  # the nearest known parent


def test_a_key_twice_is_a_located_problem(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_yaml(_write(tmp_path, "- id: a\n  city: xa\n  city: sz\n"), "data/x.yml")
    assert str(caught.value) == (
        "data/x.yml:3: key 'city' appears twice in the same entry — keep one"
    )


def test_a_bad_date_is_a_located_problem_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_yaml(_write(tmp_path, "- id: a\n  date: 2023-13-45\n"), "data/x.yml")
    assert str(caught.value).startswith("data/x.yml:2: '2023-13-45' is not a valid value")


def test_python_tags_are_refused_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = _write(
        tmp_path, f'- id: x\n  name: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    with pytest.raises(DataError) as caught:
        load_yaml(path, "data/cities.yml")
    assert str(caught.value).startswith(
        "data/cities.yml:2: YAML syntax error: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"
    )
    assert not marker.exists()
