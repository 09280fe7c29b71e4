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
