"""A byte-level mutator for map files: the damage that editors, encodings and people do to YAML."""

from __future__ import annotations

import random
import re

TOKENS = [
    b"\x00", b"\xff", b"\xc3", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\xfe\xff",
    b"\t", b"\r", b"\r\n", b"\n", b"\x0b", b"\x1b", b"\x7f", b"\xc2\x85", b"\xe2\x80\xa8",
    b":", b": ", b"- ", b"[", b"]", b"{", b"}", b",", b"#", b"'", b'"', b"\\", b"|", b">", b"? ", b"%", b"@", b"`",
    b"&a ", b"*a", b"&a", b"<<: *a", b"!!python/object:os.system ", b"!foo ", b"!!binary ", b"---\n", b"...\n",
    b"%YAML 1.1\n", b"%TAG ! tag:x,2000:\n", b"~", b"null", b"yes", b"0x1F", b".nan", b"2001-01-01", b"1e9999",
    b"\xf0\x9f\x98\x80", b"\xe4\xb8\xad", b"#" * 3, b" " * 7, b"x" * 1100, b"a#b", b"other#x", b"../", b"AM999",
]
LINE = re.compile(rb"[^\n]*\n?")


def _lines(data: bytes) -> list[bytes]:
    return [line for line in LINE.findall(data) if line]


def _flip(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    if not data:
        return data
    i = r.randrange(len(data))
    return data[:i] + bytes([data[i] ^ (1 << r.randrange(8))]) + data[i + 1:]


def _insert_token(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    i = r.randrange(len(data) + 1)
    return data[:i] + r.choice(TOKENS) + data[i:]


def _insert_random(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    i = r.randrange(len(data) + 1)
    return data[:i] + bytes(r.randrange(256) for _ in range(r.randint(1, 8))) + data[i:]


def _delete(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    if not data:
        return data
    i = r.randrange(len(data))
    return data[:i] + data[i + r.randint(1, 1 + min(64, len(data) - i)):]


def _truncate(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    return data[:r.randrange(len(data) + 1)]


def _splice_line(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    """A line of this or another map, put somewhere else (keys in the wrong place, at the wrong depth)."""
    lines = _lines(data)
    donor = _lines(r.choice(corpus)) or [b"\n"]
    lines.insert(r.randrange(len(lines) + 1), r.choice(donor))
    return b"".join(lines)


def _duplicate_line(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    """A line written twice: with a ``key:`` line, a duplicate key."""
    lines = _lines(data)
    if not lines:
        return data
    i = r.randrange(len(lines))
    lines.insert(i + 1, lines[i] if lines[i].endswith(b"\n") else lines[i] + b"\n")
    return b"".join(lines)


def _move_lines(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    lines = _lines(data)
    if len(lines) < 2:
        return data
    i, j = r.randrange(len(lines)), r.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def _reindent(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    lines = _lines(data)
    if not lines:
        return data
    i = r.randrange(len(lines))
    stripped = lines[i].lstrip(b" ")
    lines[i] = r.choice([b"", b" ", b"  ", b"    ", b"\t", b"  \t", b" " * 13]) + stripped
    return b"".join(lines)


def _tabs(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    return data.replace(b"  ", b"\t", r.randint(1, 3))


def _anchor_alias(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    """``&a`` after one ``key:`` and ``*a`` as the value of another."""
    keys = [m.end() for m in re.finditer(rb":[ \n]", data)]
    if len(keys) < 2:
        return data
    i, j = sorted(r.sample(keys, 2))
    return data[:i] + b"&a " + data[i:j] + b"*a " + data[j:]


def _line_endings(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    return data.replace(b"\n", r.choice([b"\r\n", b"\r", b"\n\n", b"\xe2\x80\xa8"]))


def _encoding(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    text = data.decode("utf-8", "replace")
    return r.choice([b"\xef\xbb\xbf" + data, text.encode("latin-1", "replace"), text.encode("utf-16")])


def _repeat(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    """A piece of the file many times over: long lines, deep nesting, many keys."""
    if not data:
        return data
    i = r.randrange(len(data))
    piece = data[i:i + r.randint(1, 24)]
    return data[:i] + piece * r.randint(2, 200) + data[i:]


MUTATIONS = [
    _flip, _insert_token, _insert_random, _delete, _truncate, _splice_line, _duplicate_line, _move_lines, _reindent,
    _tabs, _anchor_alias, _line_endings, _encoding, _repeat,
]
WEIGHTS = [3, 6, 2, 3, 1, 4, 4, 2, 3, 1, 2, 1, 1, 1]


def mutate(r: random.Random, data: bytes, corpus: list[bytes]) -> bytes:
    """``data`` with one to four random mutations (``corpus``: other files to take lines from)."""
    for mutation in r.choices(MUTATIONS, WEIGHTS, k=r.randint(1, 4)):
        data = mutation(r, data, corpus)
    return data
