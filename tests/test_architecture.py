"""The import graph of ``generator`` follows the pipeline: no cycles, no import of a later stage.

Data flows one way (STYLE.md, "One way through"): a module may import modules of its own stage
or of an earlier one, never of a later one. The order, earliest first:

- foundations, which know no stage: ``problems`` (problems as values), ``progress`` (bars for
  long commands), ``annotations`` (problems as GitHub workflow commands), ``fields`` (the content
  format, declared once), ``slugs``, ``dates``, ``schema`` (derived from ``fields``),
  ``markup`` (Markdown to safe HTML), ``escape`` (BibTeX and the CSV formula guard),
  ``model`` (the typed objects every stage passes on), ``theming`` (where theme files come from);
- reading content: ``load`` (files to documents with positions), ``values`` (typed values out
  of one mapping), ``validate`` (documents to model objects, or problems), ``rawfiles`` (files
  published as they are, checked), ``media`` (events' pictures: files checked, sizes read),
  ``content`` (a content folder read and checked as a whole), ``history`` (the event ids of a git
  revision, for ``validate --base``);
- tools that need checked content but no site: ``links`` (``check-links``), ``imports``
  (``import``);
- the site, stage by stage: ``locale`` and ``localize`` (one edition's language), ``organise``
  (indexes and URLs), ``overview`` (the chart's geometry), ``share`` (share images), ``plan``
  (the pages to render and their keys), ``search`` (the search index), ``write`` (the output
  folder: bytes in, files out; it knows no template and no format), ``render`` (templates),
  ``exports`` (data files, written through ``write``);
- ``build``, which runs the stages in order;
- the entry points: ``strings`` (``chronology strings``), ``scaffold`` (``chronology init``),
  ``cli``, ``plugin`` (MkDocs), and ``__main__``.

A module of the ``exports`` package belongs to the ``exports`` stage. Every import counts,
including those inside functions and ``if TYPE_CHECKING:`` blocks: a lazy import hides a
dependency, it does not remove it.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "generator"
ORDER = [
    "__init__", "problems", "progress", "annotations",
    "fields", "slugs", "dates", "schema", "markup", "escape", "model", "theming",
    "load", "values", "validate", "sourcing", "rawfiles", "media", "content", "history",
    "links", "archive", "imports",
    "locale", "localize", "organise", "overview", "geo", "share", "plan", "search", "write", "render",
    "exports",
    "build",
    "strings", "scaffold", "cli", "plugin", "__main__",
]  # fmt: skip
# Known edges against the order, each to be removed by the change that fixes it. A listed edge
# that no longer exists fails the test too, so the list can only shrink.
# (Issue 12 removed the last ones: write -> render, links -> build, organise -> overview,
# imports -> organise.)
ALLOWED: set[tuple[str, str]] = set()


def module_files() -> dict[str, Path]:
    """``generator.exports.feeds`` -> its file, for every module of the package."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 2:
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports, wherever in the file the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            for alias in node.names:  # `from . import organise` names a module
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {module for module in found if module in known and module != name}


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    known = set(modules)
    return {name: imported_modules(name, path, known) for name, path in modules.items()}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def against_the_order(graph: dict[str, set[str]]) -> dict[tuple[str, str], list[str]]:
    """Stage edges that point at a later stage, with the module imports that make them."""
    rank = {name: position for position, name in enumerate(ORDER)}
    edges: dict[tuple[str, str], list[str]] = {}
    for module, imports in sorted(graph.items()):
        for other in sorted(imports):
            if rank[stage(other)] > rank[stage(module)]:
                edges.setdefault((stage(module), stage(other)), []).append(f"{module} -> {other}")
    return edges


def test_every_module_has_a_place_in_the_pipeline_order() -> None:
    unplaced = sorted({stage(module) for module in module_files()} - set(ORDER))
    assert not unplaced, f"add these modules to ORDER in {__file__}, at their stage: {unplaced}"


def test_the_import_graph_has_no_cycles() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles: " + "; ".join(" <-> ".join(cycle) for cycle in found)


def test_no_module_imports_a_later_stage() -> None:
    edges = against_the_order(import_graph())
    offending = {edge: imports for edge, imports in edges.items() if edge not in ALLOWED}
    assert not offending, "imports against the pipeline order (see ORDER): " + "; ".join(
        ", ".join(imports) for imports in offending.values()
    )


def test_every_allowed_exception_still_exists() -> None:
    """Fixing an allowed edge must also remove it from ALLOWED, so none can come back."""
    stale = ALLOWED - set(against_the_order(import_graph()))
    assert not stale, f"these edges are gone; remove them from ALLOWED: {sorted(stale)}"


def test_the_checks_see_a_cycle_and_a_backward_import() -> None:
    """The checks themselves: a made-up graph with both faults is caught."""
    graph = {
        "generator.model": {"generator.render"},
        "generator.render": {"generator.model"},
        "generator.dates": set(),
    }
    assert cycles(graph) == [["generator.model", "generator.render"]]
    assert against_the_order(graph) == {("model", "render"): ["generator.model -> generator.render"]}


def test_the_graph_resolves_relative_imports_of_the_exports_package() -> None:
    graph = import_graph()
    assert "generator.exports.common" in graph["generator.exports.feeds"]
    assert "generator.organise" in graph["generator.exports.feeds"]
    assert "generator.organise" in graph["generator.render"]  # `from . import organise`
