"""What a change does to the argument: a semantic diff of two versions of a set of maps.

Each side is a map file, a folder of maps, or a git revision (read into a temporary folder, see
:mod:`argmap.revisions`). The diff says which claims were added, removed or changed (text, kind or
quote), which relations were added or removed, which claims' grounded labels flipped, and which
findings are new or resolved. Claims are matched by map and id, so a renamed id is a removal and an
addition; relations by their map, type and ends (a tension or same-as either way round is one).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from argmap.analysis import grounded_labelling
from argmap.check import CheckResult, Finding, RuleSettings, check_map_set
from argmap.graph import MapGraph
from argmap.load import DEFAULT_MAX_BYTES, load_map_set, map_scope
from argmap.model import ArgMap, Claim, MapError, MapSet
from argmap.revisions import checkout_maps, repository_root
from argmap.wording import markdown_text

FORMATS = ("text", "markdown", "json")
FAIL_ON = ("new-errors", "new-findings", "label-flips")
JSON_VERSION = 1  # of `argmap diff --format json` (docs/outputs.md, "Stability")
SYMMETRIC = frozenset({"tension", "same-as"})
MARKDOWN_LIMIT = 25  # items per list in a pull-request comment; the rest is counted
Record = dict[str, Any]  # a claim, relation, flip or finding as the JSON output has it


@dataclass(frozen=True)
class Side:
    """One version of the maps: what was read, what check finds, and every claim's grounded label."""

    label: str
    maps: tuple[ArgMap, ...]
    findings: tuple[Finding, ...]
    labels: dict[str, dict[str, str]]  # map name -> claim id -> in / out / undec
    show: Callable[[str], str] = field(repr=False)  # a path as the user names it
    missing: tuple[str, ...] = ()  # paths asked for that this side (a revision) does not have


@dataclass(frozen=True)
class ArgumentDiff:
    """The difference between two sides, as plain records (each a dict, as the JSON output has it)."""

    old: str
    new: str
    claims_added: list[Record]
    claims_removed: list[Record]
    claims_changed: list[Record]
    relations_added: list[Record]
    relations_removed: list[Record]
    label_flips: list[Record]
    findings_new: list[Record]
    findings_resolved: list[Record]

    @property
    def new_errors(self) -> list[Record]:
        return [f for f in self.findings_new if f["severity"] == "error"]

    def summary(self) -> dict[str, int]:
        return {
            "claims_added": len(self.claims_added), "claims_removed": len(self.claims_removed),
            "claims_changed": len(self.claims_changed), "relations_added": len(self.relations_added),
            "relations_removed": len(self.relations_removed), "label_flips": len(self.label_flips),
            "new_errors": len(self.new_errors), "new_warnings": len(self.findings_new) - len(self.new_errors),
            "resolved": len(self.findings_resolved),
        }

    def failed(self, fail_on: Iterable[str]) -> bool:
        """Whether any of the ``fail_on`` conditions (``FAIL_ON``) holds."""
        wanted = set(fail_on)
        return bool(("new-errors" in wanted and self.new_errors) or ("new-findings" in wanted and self.findings_new)
                    or ("label-flips" in wanted and self.label_flips))

    def is_empty(self) -> bool:
        return not any(self.summary().values())


# ------------------------------------------------------------------------------------------ reading


def _side(label: str, maps: MapSet, settings: RuleSettings | None, show: Callable[[str], str],
          missing: tuple[str, ...] = ()) -> Side:
    result: CheckResult = check_map_set(maps, settings=settings)
    scopes = {graph.maps.maps[0].name: graph for graph in result.graphs if graph.maps.maps}
    labels: dict[str, dict[str, str]] = {}
    for argmap in maps.maps:
        graph = scopes.get(argmap.name) or MapGraph(map_scope(maps, argmap.name))
        G = graph.graph
        grounded = grounded_labelling(G)
        labels[argmap.name] = {str(n).rpartition("#")[2]: grounded[n] for n, data in G.nodes(data=True)
                               if data.get("map") == argmap.name and data.get("kind") != "argument"}
    findings = tuple(replace(f, path=show(f.path)) for f in result.findings)
    return Side(label, maps.maps, findings, labels, show, missing)


@contextmanager
def open_side(spec: str, paths: Iterable[str], *, settings: RuleSettings | None = None,
              exclude: Callable[[Path], bool] | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Side]:
    """The side ``spec`` names: a map file or folder if one is there, else a git revision, read at ``paths``."""
    if os.path.lexists(spec):
        maps = load_map_set([spec], max_bytes=max_bytes, exclude=exclude)
        yield _side(spec, maps, settings, lambda path: path)
        return
    with checkout_maps(spec, paths, root=repository_root()) as copy:
        # The configuration's patterns name files of the work tree: show them the copy's files as those.
        if settings is not None and settings.file_ignores is not None:
            ignores = settings.file_ignores
            settings = replace(settings, file_ignores=lambda path: ignores(copy.in_work_tree(path)))
        excluded = None if exclude is None else (lambda path: exclude(Path(copy.in_work_tree(path))))
        try:
            maps = load_map_set(copy.paths, max_bytes=max_bytes, exclude=excluded) if copy.paths else MapSet(maps=())
            # A source outside the folders copied is read from the same revision too, then the maps again.
            sources = [Path(m.path).parent / m.source for m in maps.all_maps if m.source and m.source_text is None]
            if sources and copy.fetch(sources):
                maps = load_map_set(copy.paths, max_bytes=max_bytes, exclude=excluded)
        except MapError as error:
            raise MapError(str(error).replace(str(copy.folder) + os.sep, f"{spec}:")) from None
        yield _side(spec, maps, settings, copy.shown, copy.missing)


def diff_specs(old: str, new: str, paths: Iterable[str] = (), *, default_paths: Iterable[str] = ("maps",),
               settings: RuleSettings | None = None, exclude: Callable[[Path], bool] | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> ArgumentDiff:
    """The diff between ``old`` and ``new``, each a map file, a folder or a git revision.

    A revision is read at ``paths``; without them, at the other side's path if that is a file or
    folder, else at ``default_paths``.
    """
    paths = list(paths)
    if not paths:
        on_disk = [spec for spec in (old, new) if os.path.lexists(spec)]
        paths = on_disk[:1] or list(default_paths)
    with open_side(old, paths, settings=settings, exclude=exclude, max_bytes=max_bytes) as before, \
            open_side(new, paths, settings=settings, exclude=exclude, max_bytes=max_bytes) as after:
        on_neither = [p for p in before.missing if p in after.missing or os.path.lexists(new)]
        on_neither += [p for p in after.missing if os.path.lexists(old) and p not in on_neither]
        if on_neither:
            raise MapError(f"'{on_neither[0]}' is in neither '{old}' nor '{new}'; check the paths after --")
        return diff_sides(before, after)


# ------------------------------------------------------------------------------------------ comparing


def _claims(side: Side) -> dict[tuple[str, str], Claim]:
    found: dict[tuple[str, str], Claim] = {}
    for argmap in side.maps:
        for claim in argmap.claims:
            found.setdefault((argmap.name, claim.id), claim)
    return found


def _claim_record(side: Side, key: tuple[str, str], claim: Claim) -> Record:
    record: Record = {"map": key[0], "id": claim.id, "kind": claim.kind, "text": claim.text,
                                 "path": side.show(claim.position.path), "line": claim.position.line}
    label = side.labels.get(key[0], {}).get(claim.id)
    if label is not None:
        record["label"] = label
    return record


def _qualified(reference: str, home: str) -> str:
    return reference if "#" in reference else f"{home}#{reference}"


def _relations(side: Side) -> dict[tuple[object, ...], Record]:
    """Every relation written in the side's maps, by identity: (map, type, source, target, premises)."""
    found: dict[tuple[object, ...], Record] = {}

    def add(home: str, kind: str, source: str, target: str, path: str, line: int, premises: tuple[str, ...] = ()) -> None:
        ends = tuple(sorted((source, target))) if kind in SYMMETRIC else (source, target)
        record: Record = {"map": home, "type": kind, "source": source, "target": target,
                                     "path": side.show(path), "line": line}
        if premises:
            record["premises"] = list(premises)
        found.setdefault((home, kind, *ends, premises), record)

    for argmap in side.maps:
        name = argmap.name
        for claim in argmap.claims:
            for r in claim.relations:
                add(name, r.type, f"{name}#{claim.id}", _qualified(r.target, name), r.position.path, r.position.line)
        for extension in argmap.extensions:
            for r in extension.relations:
                add(name, r.type, extension.target, _qualified(r.target, name), r.position.path, r.position.line)
        for argument in argmap.arguments:
            premises = tuple(_qualified(p, name) for p in argument.premises)
            add(name, "argument", f"{name}#{argument.id}", _qualified(argument.conclusion, name),
                argument.position.path, argument.position.line, premises)
    return found


def _finding_key(f: Finding) -> tuple[str, str, str, str]:
    # Lines move when a map is edited above a finding; its map, rule, claim and message do not.
    return (f.map, f.code, f.claim or "", f.message)


def _changed(old: Iterable[Finding], new: Iterable[Finding]) -> list[Finding]:
    """The findings of ``new`` that ``old`` does not have (as many times as they are more)."""
    left = Counter(_finding_key(f) for f in old)
    out = []
    for f in new:
        key = _finding_key(f)
        if left[key]:
            left[key] -= 1
        else:
            out.append(f)
    return out


def diff_sides(before: Side, after: Side) -> ArgumentDiff:
    """What changed from ``before`` to ``after``."""
    old_claims, new_claims = _claims(before), _claims(after)
    added = [_claim_record(after, k, c) for k, c in new_claims.items() if k not in old_claims]
    removed = [_claim_record(before, k, c) for k, c in old_claims.items() if k not in new_claims]
    changed, flips = [], []
    for key, claim in new_claims.items():
        was = old_claims.get(key)
        if was is None:
            continue
        changes = {name: {"old": getattr(was, name), "new": getattr(claim, name)}
                   for name in ("text", "kind", "quote") if getattr(was, name) != getattr(claim, name)}
        if changes:
            changed.append({"map": key[0], "id": claim.id, "path": after.show(claim.position.path),
                            "line": claim.position.line, "changes": changes})
        old_label = before.labels.get(key[0], {}).get(claim.id)
        new_label = after.labels.get(key[0], {}).get(claim.id)
        if old_label is not None and new_label is not None and old_label != new_label:
            flips.append({"map": key[0], "id": claim.id, "kind": claim.kind, "text": claim.text, "old": old_label,
                          "new": new_label, "path": after.show(claim.position.path), "line": claim.position.line})
    old_relations, new_relations = _relations(before), _relations(after)
    order = _order
    return ArgumentDiff(
        old=before.label, new=after.label,
        claims_added=sorted(added, key=order), claims_removed=sorted(removed, key=order),
        claims_changed=sorted(changed, key=order),
        relations_added=sorted((r for k, r in new_relations.items() if k not in old_relations), key=_relation_order),
        relations_removed=sorted((r for k, r in old_relations.items() if k not in new_relations), key=_relation_order),
        label_flips=sorted(flips, key=order),
        findings_new=[f.as_dict() for f in _changed(before.findings, after.findings)],
        findings_resolved=[f.as_dict() for f in _changed(after.findings, before.findings)],
    )


def _order(record: Record) -> tuple[Any, ...]:
    """In the order of the files: by map, then where the claim is written."""
    return (record["map"], record["path"], record["line"], record["id"])


def _relation_order(record: Record) -> tuple[Any, ...]:
    return (record["map"], record["path"], record["line"], record["source"], record["type"], record["target"])


# ------------------------------------------------------------------------------------------ presenting


def _name(node: str, home: str) -> str:
    """A node as map ``home`` names it: the bare id in its own map, ``map#id`` otherwise."""
    return node.rpartition("#")[2] if node.startswith(home + "#") else node


def _relation_phrase(r: Record) -> str:
    home = str(r["map"])
    source, target = _name(str(r["source"]), home), _name(str(r["target"]), home)
    if r["type"] == "argument":
        premises = " + ".join(_name(str(p), home) for p in r.get("premises", []))
        return f"linked argument '{source}': {premises} -> {target}"
    return f"{source} {r['type']} {target}"


def _one_line(text: object, limit: int | None = None) -> str:
    flat = " ".join(str(text).split())
    return flat if limit is None or len(flat) <= limit else flat[: limit - 1] + "…"


def _shown_value(value: object) -> str:
    """A changed field's value: quoted and shortened, or ``(none)`` (a quote added or taken away)."""
    return "(none)" if value is None else repr(_one_line(value, 60))


def _where(record: Record) -> str:
    return f"{record['path']}:{record['line']}"


def summary_line(d: ArgumentDiff) -> str:
    s = d.summary()
    return (f"claims: {s['claims_added']} added, {s['claims_removed']} removed, {s['claims_changed']} changed; "
            f"relations: {s['relations_added']} added, {s['relations_removed']} removed; "
            f"{s['label_flips']} label{'s' if s['label_flips'] != 1 else ''} flipped; "
            f"findings: {s['new_errors']} new error{'s' if s['new_errors'] != 1 else ''}, "
            f"{s['new_warnings']} new warning{'s' if s['new_warnings'] != 1 else ''}, {s['resolved']} resolved")


def format_text(d: ArgumentDiff) -> str:
    """For a terminal: what matters most first (flips, new findings), then the edits, then a summary line."""
    lines = [f"argmap diff {d.old} -> {d.new}"]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend(["", f"{title}:", *(f"  {item}" for item in items)])

    section("labels flipped", [f"{_where(f)}: {f['map']}#{f['id']} {f['old']} -> {f['new']}: {_one_line(f['text'], 100)}"
                               for f in d.label_flips])
    section("new findings", [f"{f['path']}:{f['line']}:{f['column']}: {f['severity']} {f['code']} {f['rule']}: "
                             f"{_one_line(f['message'])}" for f in d.findings_new])
    section("resolved findings", [f"{f['severity']} {f['code']} {f['rule']}: {_one_line(f['message'])} "
                                  f"(was {f['path']}:{f['line']})" for f in d.findings_resolved])
    section("claims added", [f"+ {_where(c)}: {c['map']}#{c['id']} ({c['kind']}): {_one_line(c['text'], 100)}"
                             for c in d.claims_added])
    section("claims removed", [f"- {c['map']}#{c['id']} ({c['kind']}): {_one_line(c['text'], 100)} (was {_where(c)})"
                               for c in d.claims_removed])
    section("claims changed", [f"~ {_where(c)}: {c['map']}#{c['id']}: " + "; ".join(
        f"{name} {_shown_value(v['old'])} -> {_shown_value(v['new'])}" for name, v in c["changes"].items())
        for c in d.claims_changed])
    section("relations added", [f"+ {_where(r)}: {_relation_phrase(r)}" for r in d.relations_added])
    section("relations removed", [f"- {_relation_phrase(r)} (was {_where(r)})" for r in d.relations_removed])
    lines.extend(["", summary_line(d) if not d.is_empty() else "no change to the argument"])
    return "\n".join(lines) + "\n"


def _md(text: object, limit: int | None = 120) -> str:
    """Text safe inside a Markdown table cell or list item: one line, markup escaped, shortened."""
    return markdown_text(_one_line(text, limit))


def _code(text: object) -> str:
    return "`" + str(text).replace("`", "'") + "`"


def format_markdown(d: ArgumentDiff) -> str:
    """A pull-request comment: short, label flips and new errors first, the edits folded away."""
    s = d.summary()
    out = ["### argmap: what this change does to the argument", ""]
    if d.is_empty():
        return "\n".join([*out, f"No change to the argument between {_code(d.old)} and {_code(d.new)}."]) + "\n"
    out.append(f"**{s['label_flips']} label flip{'s' if s['label_flips'] != 1 else ''}** · "
               f"**{s['new_errors']} new error{'s' if s['new_errors'] != 1 else ''}** · "
               f"{s['new_warnings']} new warning{'s' if s['new_warnings'] != 1 else ''} · {s['resolved']} resolved · "
               f"claims +{s['claims_added']} −{s['claims_removed']} ~{s['claims_changed']} · "
               f"relations +{s['relations_added']} −{s['relations_removed']} "
               f"({_code(d.old)} → {_code(d.new)})")

    def more(items: list, shown: int) -> list[str]:
        return [f"- … and {len(items) - shown} more (run `argmap diff` for all)"] if len(items) > shown else []

    if d.label_flips:
        out += ["", "#### Labels flipped", "", "| claim | was | now | text |", "|---|---|---|---|"]
        out += [f"| {_code(f['map'] + '#' + f['id'])} | {f['old']} | **{f['new']}** | {_md(f['text'])} |"
                for f in d.label_flips[:MARKDOWN_LIMIT]]
        out += more(d.label_flips, MARKDOWN_LIMIT)
    for title, items in (("New errors", d.new_errors), ("New warnings", [f for f in d.findings_new if f["severity"] != "error"]),
                         ("Resolved", d.findings_resolved)):
        if items:
            out += ["", f"#### {title}", ""]
            out += [f"- {_code(_where(f))} **{f['code']}** {f['rule']}: {_md(f['message'], 300)}"
                    for f in items[:MARKDOWN_LIMIT]]
            out += more(items, MARKDOWN_LIMIT)
    edits = []
    edits += [f"- added {_code(c['map'] + '#' + c['id'])} ({c['kind']}): {_md(c['text'])}" for c in d.claims_added]
    edits += [f"- removed {_code(c['map'] + '#' + c['id'])} ({c['kind']}): {_md(c['text'])}" for c in d.claims_removed]
    edits += [f"- changed {_code(c['map'] + '#' + c['id'])}: " + ", ".join(sorted(c["changes"])) for c in d.claims_changed]
    edits += [f"- added relation {_code(_relation_phrase(r))}" for r in d.relations_added]
    edits += [f"- removed relation {_code(_relation_phrase(r))}" for r in d.relations_removed]
    if edits:
        out += ["", f"<details><summary>Claims and relations ({len(edits)} change{'s' if len(edits) != 1 else ''})</summary>", ""]
        out += edits[: MARKDOWN_LIMIT * 2] + more(edits, MARKDOWN_LIMIT * 2)
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def diff_document(d: ArgumentDiff) -> Record:
    """The diff as the versioned JSON document (docs/outputs.md)."""
    return {
        "version": JSON_VERSION, "old": d.old, "new": d.new, "summary": d.summary(),
        "claims": {"added": d.claims_added, "removed": d.claims_removed, "changed": d.claims_changed},
        "relations": {"added": d.relations_added, "removed": d.relations_removed},
        "labels": {"flipped": d.label_flips},
        "findings": {"new": d.findings_new, "resolved": d.findings_resolved},
    }


def format_diff(d: ArgumentDiff, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(diff_document(d), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return format_markdown(d)
    return format_text(d)
