"""Shared fixtures. The helpers themselves live in ``tests/helpers.py`` (importable as ``tests.helpers``)."""

from __future__ import annotations

import pytest

from tests import helpers


@pytest.fixture
def write_map():
    """``write_map(tmp_path, text, name="m", source=None) -> Path``; see ``tests.helpers.write_map``."""
    return helpers.write_map


@pytest.fixture
def run_cli():
    """``run_cli(*args, cwd=None) -> (returncode, stdout, stderr)`` through a real subprocess."""
    return helpers.run_cli


@pytest.fixture
def invoke():
    """``invoke(*args) -> click.testing.Result`` for ``argmap`` in-process."""
    return helpers.invoke


@pytest.fixture(scope="session", autouse=True)
def _configuration_stops_at_the_temporary_folders(tmp_path_factory: pytest.TempPathFactory) -> None:
    """argmap looks for a configuration file up to the top of a git repository (a folder holding ``.git``):
    a ``.git`` above every test's ``tmp_path`` keeps a configuration outside them (an ``argmap.toml`` in
    /tmp, say) from changing what the tests see. It is an empty folder, so git itself passes it over."""
    (tmp_path_factory.getbasetemp() / ".git").mkdir(exist_ok=True)
