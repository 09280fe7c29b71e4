"""Small helpers the rule modules share."""

from __future__ import annotations

from argmap.graph import local_id


def show(node: str, home: str) -> str:
    """A node as a message in map `home` names it: `'id'` if it is in `home`, else `'map#id'`."""
    return f"'{local_id(node)}'" if node.startswith(home + "#") else f"'{node}'"


def home(node: str) -> str:
    """The name of the map a node belongs to."""
    return node.rpartition("#")[0]
