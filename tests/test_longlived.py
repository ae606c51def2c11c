"""Data kept for the whole build is made without collections and then frozen."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from conftest import Project

from campaign_kb.longlived import long_lived
from campaign_kb.site import load_knowledge_base


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def _tracked(obj: object) -> bool:
    """Whether the collector still walks `obj` (frozen objects are in none of its generations)."""
    return any(o is obj for o in gc.get_objects())


class _Node:
    pass


def test_no_collection_while_loading_and_what_was_made_is_frozen() -> None:
    gc.enable()
    with long_lived():
        assert not gc.isenabled()
        made = [{"paragraph": i} for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    assert not _tracked(made)
    assert not _tracked(made[500])


def test_garbage_from_before_is_collected_not_frozen_for_ever() -> None:
    """As after a `mkdocs serve` rebuild: the last build's pages are dead cycles."""
    gc.disable()  # only long_lived may collect here
    page, nav = _Node(), _Node()
    page.parent, nav.child = nav, page  # a reference cycle: only the collector frees it
    gone = weakref.ref(page)
    del page, nav
    assert gone() is not None
    with long_lived():
        pass
    assert gone() is None
    assert not gc.isenabled()  # it was off before, so it stays off


def test_a_loaded_catalog_is_out_of_the_collectors_way(project: Project) -> None:
    kb = load_knowledge_base(project.path)
    assert kb.catalog.sources
    assert not _tracked(kb.catalog)
    assert not _tracked(next(iter(kb.catalog.sources.values())))
