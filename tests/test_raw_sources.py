"""The raw reports are data: they stay byte-identical to what was imported."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml


def test_raw_files_match_recorded_hashes(root: Path) -> None:
    raw = root / "data" / "raw"
    recorded = {}
    for line in (raw / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        recorded[name] = digest
    present = {p.name for p in raw.glob("*.txt")}
    assert present == set(recorded), "data/raw/ and SHA256SUMS list different files"
    for name, digest in recorded.items():
        assert hashlib.sha256((raw / name).read_bytes()).hexdigest() == digest, name


def test_every_source_has_its_raw_file_and_every_raw_file_a_source(root: Path) -> None:
    sources = yaml.safe_load((root / "data" / "sources.yml").read_text(encoding="utf-8"))
    named = {s["raw"] for s in sources}
    assert named == {p.name for p in (root / "data" / "raw").glob("*.txt")}
