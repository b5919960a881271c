"""Shared fixtures: paths to test data, an isolated graph cache, the CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINI = TESTS / "data" / "valid" / "mini"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test's graph cache out of the user's home."""
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
