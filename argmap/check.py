"""Run the rules over a set of maps and turn what they find into sorted, configured findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from pathlib import Path

from argmap.graph import MapGraph
from argmap.load import DEFAULT_MAX_BYTES, load_map_set, map_scope
from argmap.model import ArgMap, MapError, MapSet
from argmap.rules import RULES, RULES_BY_CODE, Rule

SEVERITIES = ("error", "warning")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    message: str
    severity: str
    rule: str
    map: str
    claim: str | None
    full_message: str | None = field(default=None, compare=False)  # the message in full, for JSON
    details: dict[str, object] | None = field(default=None, compare=False)  # more for JSON (AM301's nearest passage)

    @property
    def key(self) -> tuple[str, int, int, str, str | None]:
        """Where and which rule, whatever the wording."""
        return (self.path, self.line, self.column, self.code, self.claim)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path, "line": self.line, "column": self.column, "severity": self.severity,
            "code": self.code, "rule": self.rule, "map": self.map, "claim": self.claim,
            "message": self.full_message or self.message, **({"details": self.details} if self.details else {}),
        }


# Findings in their dataclass order (field by field), as one C-made tuple each: sorting calls the
# generated ``__lt__`` about 25 times per finding, which at 100,000 claims costs a quarter second.
_ORDER = attrgetter(*(f.name for f in fields(Finding) if f.compare))


@dataclass(frozen=True)
class Summary:
    maps: int
    claims: int
    relations: int
    errors: int
    warnings: int

    def as_dict(self) -> dict[str, int]:
        return {"maps": self.maps, "claims": self.claims, "relations": self.relations,
                "errors": self.errors, "warnings": self.warnings}


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    summary: Summary
    # The graph of each map's scope, as the rules saw it: a caller can go on to draw or evaluate it,
    # and a command that ends once it has reported does not spend time freeing it (a third of a
    # second at 100,000 claims).
    graphs: tuple[MapGraph, ...] = field(default=(), repr=False, compare=False)
    # Files that could not be read (each a MapError: ``path:line:col: message``); the other maps were
    # still checked. Any makes the check end with exit status 2, as bad input does.
    input_errors: tuple[MapError, ...] = ()

    def failed(self, strict: bool = False) -> bool:
        return self.summary.errors > 0 or (strict and self.summary.warnings > 0)


@dataclass(frozen=True)
class RuleSettings:
    """How a repository configures the rules (``argmap.config``): which are off, their severities,
    and which rules a file's findings are exempt from (``file_ignores(path) -> codes``)."""

    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, str] = field(default_factory=dict)
    file_ignores: Callable[[str], frozenset[str]] | None = None

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` less those of rules ignored for their file, with the configured severities."""
        out = []
        ignored: dict[str, frozenset[str]] = {}
        for f in findings:
            if self.file_ignores is not None:
                if f.path not in ignored:
                    ignored[f.path] = self.file_ignores(f.path)
                if f.code in ignored[f.path]:
                    continue
            level = self.severity.get(f.code)
            out.append(f if level is None or level == f.severity else replace(f, severity=level))
        return out


def validate_codes(codes: Iterable[str]) -> frozenset[str]:
    """The codes, or a ``MapError`` naming the first that is not a rule."""
    codes = frozenset(codes)
    for code in sorted(codes):
        if code not in RULES_BY_CODE:
            raise MapError(f"unknown rule code '{code}'; the codes are {', '.join(RULES_BY_CODE)}")
    return codes


def check_ignore_codes(maps: MapSet) -> None:
    for argmap in maps.all_maps:
        for claim in argmap.claims:
            for code, position in claim.ignore_positions:
                if code not in RULES_BY_CODE:
                    raise MapError(f"unknown rule code '{code}' in 'ignore' of claim '{claim.id}'; see `argmap rules`", position)


def run_rules(maps: MapGraph, disable: frozenset[str] = frozenset()) -> list[Finding]:
    """Every finding of every enabled rule, on every map of the set (asked for or pulled in), unsorted."""
    return _run_rules(maps, [rule for rule in RULES if rule.code not in disable])


def _run_rules(maps: MapGraph, rules: Sequence[Rule]) -> list[Finding]:
    nodes = maps.argument_graph.nodes  # the graph's node data
    names = {m.path: m.name for m in maps.maps.all_maps}
    findings = []
    for rule in rules:
        for problem in rule.check(maps):
            node = problem.node
            if node is not None and node in nodes and rule.code in nodes[node]["ignore"]:
                continue
            home = names.get(problem.position.path, "")
            claim = None
            if node is not None:
                claim = node.rpartition("#")[2] if node.startswith(home + "#") else node
            findings.append(Finding(
                problem.position.path, problem.position.line, problem.position.column, rule.code,
                problem.message, rule.severity, rule.name, home, claim, problem.full_message, problem.details,
            ))
    return findings


def check_graph(graph: MapGraph, *, disable: Iterable[str] = ()) -> list[Finding]:
    """Every finding on every map of ``graph`` (asked for or pulled in), sorted and without repeats."""
    disabled = validate_codes(disable)
    check_ignore_codes(graph.maps)
    return sorted(set(run_rules(graph, disabled)), key=_ORDER)


class _ScopedChecks:
    """Findings of each map checked in its own scope (see ``map_scope``), each computed once."""

    def __init__(self, maps: MapSet, disable: Iterable[str], settings: RuleSettings | None = None):
        self.maps = maps
        self.disable = frozenset(disable)
        self.settings = settings
        self._done: dict[str, tuple[MapGraph, list[Finding]]] = {}  # each map's scope as a graph, and its findings

    def __call__(self, name: str) -> list[Finding]:
        if name not in self._done:
            self._done[name] = findings_in_scope(self.maps, name, disable=self.disable, settings=self.settings)
        return self._done[name][1]

    @property
    def graphs(self) -> list[MapGraph]:
        return [graph for graph, _ in self._done.values()]

    def reported(self, name: str) -> list[Finding]:
        """The findings ``argmap check`` reports for map ``name``.

        Its own findings, and those that arise in the maps it includes only because it combines
        them (a tension it adds between two of their claims, say): those are reported as its own,
        at the included claim's line.
        """
        path = self.maps.by_name()[name].path
        # What the maps in its scope find on their own (an included map that itself combines others
        # reports its combinations): only what is left is new here.
        found = self(name)
        scope = self._done[name][0].maps  # as found above, not worked out again
        theirs = {g.key for m in scope.extra for g in self(m.name)}
        out = []
        for f in found:
            if f.path == path:
                out.append(f)
            elif f.key not in theirs:
                out.append(replace(f, map=name, message=f"{f.message} (in combination, in {name})",
                                   full_message=f.full_message and f"{f.full_message} (in combination, in {name})"))
        return out


def check_map_set(maps: MapSet, *, disable: Iterable[str] = (), settings: RuleSettings | None = None) -> CheckResult:
    """Check each map asked for in its own scope; report the findings of those maps.

    ``settings`` (a repository's configuration) turns rules off, changes their severity and exempts
    files from rules, for every map checked.
    """
    validate_codes(disable)
    scoped = _ScopedChecks(maps, disable, settings)
    findings = sorted({f for m in maps.maps for f in scoped.reported(m.name)}, key=_ORDER)
    summary = Summary(
        maps=len(maps.maps),
        claims=sum(len(m.claims) for m in maps.maps),
        relations=sum(_count_relations(m) for m in maps.maps),
        errors=sum(f.severity == "error" for f in findings),
        warnings=sum(f.severity == "warning" for f in findings),
    )
    return CheckResult(tuple(findings), summary, tuple(scoped.graphs))


def findings_in_scope(maps: MapSet, name: str, *, disable: Iterable[str] = (),
                      settings: RuleSettings | None = None) -> tuple[MapGraph, list[Finding]]:
    """The graph of map ``name``'s scope and every finding in it (what a diagram of the map shows)."""
    graph = MapGraph(map_scope(maps, name))
    if settings is None:
        return graph, check_graph(graph, disable=disable)
    findings = check_graph(graph, disable=frozenset(disable) | settings.disabled)
    return graph, sorted(settings.apply(findings), key=_ORDER)


def _count_relations(argmap: ArgMap) -> int:
    # A relation written twice (supports: [a, a]) is one.
    written = sum(len({(r.type, r.target) for r in claim.relations}) for claim in argmap.claims)
    written += sum(len({(r.type, r.target) for r in e.relations}) for e in argmap.extensions)
    return written + sum(len(a.premises) + 1 for a in argmap.arguments)


def check_paths(paths: Iterable[str], *, disable: Iterable[str] = (), max_bytes: int = DEFAULT_MAX_BYTES,
                settings: RuleSettings | None = None, exclude: Callable[[Path], bool] | None = None,
                root: str | None = None, keep_going: bool = False) -> CheckResult:
    """Load the maps at ``paths`` (files or folders; ``exclude`` leaves files out of folders) and check them together.

    ``keep_going``: a file that cannot be read does not stop the check of the others; its error is
    in the result's ``input_errors`` (else it is raised, a ``MapError``).
    """
    validate_codes(disable)
    errors: list[MapError] | None = [] if keep_going else None
    loaded = load_map_set(paths, max_bytes=max_bytes, exclude=exclude, root=root, errors=errors)
    result = check_map_set(loaded, disable=disable, settings=settings)
    return replace(result, input_errors=tuple(errors)) if errors else result
