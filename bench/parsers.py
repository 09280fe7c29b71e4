"""Time the ways a map could be parsed, on the benchmark's generated maps (issue 7's parser choice).

    python bench/parsers.py bench/work/100000/gen100000.yaml    # after make bench has generated it

For the map and its JSON twin (``genN.json`` beside it, written by ``make bench``) it prints the best
of three CPU times of:

- ``parse_map``: argmap's loader, which reads a map in the plain layout (``plain_layout``): a claim
  entry in the shape ``argmap generate`` writes with one match, any other line by line;
- ``parse_map`` reading every line one by one, as it reads a map in another layout;
- ``parse_yaml_map``: argmap's full YAML reader, PyYAML's C parser read event by event (what every
  other map, and every map with an error, goes through);
- PyYAML's C parser's events alone (the floor of that reader);
- ``yaml.load`` with CSafeLoader (no positions, no duplicate keys);
- ``json.loads`` of the JSON twin;
- rapidyaml (``ryml``) parsing into its C++ tree, and walking that tree from Python to read every key
  and value (it has no API for a node's position), when it is installed;
- yaml-rs (``yaml_rs.loads``) into Python objects (no positions; numbers and booleans resolved), when
  it is installed.

Neither rapidyaml nor yaml-rs is a dependency of argmap: install them beside it to compare.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from argmap import plain_layout  # noqa: E402
from argmap.load import parse_map, parse_yaml_map  # noqa: E402


def best(function: Callable[[], object], runs: int = 3) -> float:
    """The least CPU time of ``runs`` calls, with the collector paused as argmap pauses it."""
    times = []
    for _ in range(runs):
        gc.disable()
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
        gc.enable()
        gc.collect()
    return min(times)


def events(text: str) -> None:
    loader = yaml.CSafeLoader(text)
    while loader.check_event():
        loader.get_event()
    loader.dispose()


def ryml_walk(data: bytes) -> int:
    import ryml

    tree = ryml.parse_in_arena(data)
    first, following, key, value = tree.first_child, tree.next_sibling, tree.key, tree.val
    has_key, is_container, none = tree.has_key, tree.is_container, ryml.NONE
    seen, stack = 0, [tree.root_id()]
    while stack:
        child = first(stack.pop())
        while child != none:
            seen += 1
            if has_key(child):
                bytes(key(child)).decode()
            if is_container(child):
                stack.append(child)
            else:
                bytes(value(child)).decode()
            child = following(child)
    return seen


def line_by_line(text: str, path: str) -> None:
    """``parse_map`` without the one match per claim entry: how a map in another layout is read."""
    saved = plain_layout._SHAPE_AFTER
    plain_layout._SHAPE_AFTER = len(text)  # more claims than the map has: no entry is read at once
    try:
        parse_map(text, path, "bench")
    finally:
        plain_layout._SHAPE_AFTER = saved


def main(path: str) -> None:
    data = Path(path).read_bytes()
    text = data.decode("utf-8")
    twin = Path(path).with_suffix(".json")
    rows = [
        ("argmap parse_map (plain layout)", lambda: parse_map(text, path, "bench")),
        ("argmap parse_map, line by line only", lambda: line_by_line(text, path)),
        ("argmap parse_yaml_map (PyYAML C events)", lambda: parse_yaml_map(text, path, "bench")),
        ("PyYAML C events alone", lambda: events(text)),
        ("yaml.load (CSafeLoader)", lambda: yaml.load(text, Loader=yaml.CSafeLoader)),
    ]
    if twin.is_file():
        import json

        json_text = twin.read_text(encoding="utf-8")
        rows.append(("json.loads (the JSON twin)", lambda: json.loads(json_text)))
    try:
        import ryml

        rows.append(("rapidyaml: parse only", lambda: ryml.parse_in_arena(data)))
        rows.append(("rapidyaml: parse and walk from Python", lambda: ryml_walk(data)))
    except ImportError:
        print("(rapidyaml is not installed)")
    try:
        import yaml_rs

        rows.append(("yaml-rs: loads", lambda: yaml_rs.loads(text)))
    except ImportError:
        print("(yaml-rs is not installed)")
    print(f"{path}: {len(data) / 1e6:.1f} MB")
    for name, function in rows:
        print(f"  {name:<40} {best(function):7.2f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
