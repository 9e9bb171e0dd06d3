"""The package's layout, read from its source with ``ast``: layers that import one way only, no
import cycles, and modules and functions small enough to read in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "hymnsheet_talk"
# Each layer may import from the layers before it, never from its own layer's other parts or
# from a later one. A name is a top-level module or a subpackage.
LAYERS = [
    {"_version", "errors", "meeting", "atomic"},
    {"readers"},
    {"roster", "manifest"},
    {"loading"},
    {"roster_draft"},
    {"language"},
    {"tables", "evaluation"},
    {"privacy", "report"},
    {"output"},
    {"history"},
    {"cli"},
    {"__init__", "__main__"},
]
SUBPACKAGES = {"readers", "language", "tables", "report", "history"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_TOP_LEVEL_MODULES = 15
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _modules() -> dict[str, Path]:
    """Every module by dotted name relative to the package (``language.framing``, ``language``)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, ast.stmt]]:
    """The package modules ``name`` imports, resolved to names in ``MODULES``, with the statement."""
    if name == "__init__":
        package = []
    else:
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - node.level + 1]
            target = ".".join(base + (node.module.split(".") if node.module else []))
            for alias in node.names:
                full = f"{target}.{alias.name}" if target else alias.name
                found.append((full if full in MODULES else target, node))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [(module.removeprefix("hymnsheet_talk.") or "__init__", node)
                      for module in modules if module.split(".")[0] == "hymnsheet_talk"]
    return [(target or "__init__", node) for target, node in found]


def _unit(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_run_down_the_layers_only(name):
    for target, node in _imports(name, MODULES[name]):
        assert target in MODULES, f"{name} imports {target}, which is not a module of the package"
        if _unit(target) != _unit(name):
            assert RANK[_unit(target)] < RANK[_unit(name)], f"{name} imports {target} from its own or a later layer"


def test_every_module_has_a_layer():
    assert {_unit(name) for name in MODULES} <= set(RANK)


def test_no_import_cycles():
    graph = {name: {target for target, _node in _imports(name, path)} for name, path in MODULES.items()}
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in graph[name]:
            assert state.get(target) != "open", "import cycle: " + " -> ".join([*trail, name, target])
            if target not in state:
                visit(target, [*trail, name])
        state[name] = "done"

    for name in graph:
        if name not in state:
            visit(name, [])


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_inside_functions_say_why(name):
    lines = MODULES[name].read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    nested = [sub for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
              for sub in ast.walk(node) if isinstance(sub, (ast.Import, ast.ImportFrom))]
    for node in nested:
        said = "#" in lines[node.lineno - 1] or lines[node.lineno - 2].strip().startswith("#")
        assert said, f"{name}:{node.lineno} imports inside a function without a comment saying why"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_and_functions_are_short(name):
    text = MODULES[name].read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{name} is over {MAX_MODULE_LINES} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{name}.{node.name} is {length} lines long"


def test_the_top_level_is_small_and_the_subpackages_are_there():
    top = [path for path in PACKAGE.glob("*.py")]
    assert len(top) <= MAX_TOP_LEVEL_MODULES, sorted(path.name for path in top)
    assert SUBPACKAGES <= {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}


def test_the_language_layer_uses_no_pandas_and_the_tables_no_matplotlib():
    for name, path in MODULES.items():
        imported = {alias.name.split(".")[0] for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(node, ast.Import) for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(node, ast.ImportFrom) and not node.level}
        if _unit(name) in ("language", "readers", "meeting"):
            assert "pandas" not in imported, name
        if _unit(name) != "report":
            assert "matplotlib" not in imported, name


def test_the_public_api_keeps_its_names():
    import hymnsheet_talk

    names = {"analyse", "Analysis", "Meeting", "read_transcript", "load_roster", "build_pipeline", "build_tables",
             "write_outputs", "evaluate", "load_lexicon", "InputError", "MeetingLoader", "Roster", "Segment",
             "Speaker", "Turn", "UnknownModel", "attribute", "find_transcripts", "parse_transcript", "read_gold"}
    assert names <= set(hymnsheet_talk.__all__)
    assert all(getattr(hymnsheet_talk, name) for name in names)
