"""Dependencies run one way: importers -> store -> analysis -> recommend -> app -> cli/web (style.md), and
the faces (cli, web) have one front door: ``netvalue.app`` (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "netvalue"

BELOW_THE_FRONT_DOOR = (
    "store",
    "importers",
    "identity",
    "analysis",
    "importing",
    "recommend",
    "demo",
    "explain",
    "keys",
    "columns",
    "team",
    "org",
)
"""What the CLI and the dashboard reach only through ``netvalue.app`` (they may import app, errors, records,
files and their own modules)."""

# package -> netvalue packages it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "cli": BELOW_THE_FRONT_DOOR,
    "web": (*BELOW_THE_FRONT_DOOR, "cli"),
    "team": ("cli", "web"),
    "importers": ("store", "analysis", "recommend", "app", "cli", "web", "identity", "importing"),
    "store": ("importers", "analysis", "recommend", "app", "cli", "web", "identity", "importing"),
    "analysis": ("store", "importers", "recommend", "app", "cli", "web", "importing"),
    "recommend": ("importers", "app", "cli", "web", "importing"),
    "app": ("cli", "web"),
    "identity": ("analysis", "recommend", "app", "cli", "web"),
    # the organisation half: engines, pair judgments, graph, outputs; reuses analysis and importers
    "org": ("store", "recommend", "app", "cli", "web", "identity", "importing"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "netvalue":  # from netvalue import identity
            found.update(alias.name for alias in node.names if alias.name != "__version__")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("netvalue."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("netvalue."):
                    found.add(alias.name.split(".")[1])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layer_imports_run_one_way(package: str) -> None:
    wrong = {}
    for path in sorted((SRC / package).rglob("*.py")):
        wrong[path.relative_to(SRC).as_posix()] = sorted(_imports(path) & set(FORBIDDEN[package]))
    assert not {k: v for k, v in wrong.items() if v}


def test_the_front_door_rule_catches_a_direct_import(tmp_path: Path) -> None:
    """The check itself: a command importing the store, in either spelling, is caught."""
    module = tmp_path / "command.py"
    module.write_text("from netvalue.store import Database\nfrom netvalue import identity\n", "utf-8")
    assert _imports(module) & set(FORBIDDEN["cli"]) == {"store", "identity"}


@pytest.mark.parametrize("package", ["importers", "store", "analysis", "recommend", "identity", "org"])
def test_only_the_cli_and_web_talk_to_the_user(package: str) -> None:
    for path in (SRC / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not {m for m in modules if m.split(".")[0] in ("click", "rich", "fastapi")}, path
        calls = [
            n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "print"
        ]
        assert not calls, f"print() in {path}"


@pytest.mark.parametrize("package", ["importers", "identity", "analysis", "recommend"])
def test_only_the_store_runs_sql(package: str) -> None:
    """SQL lives in the store: the layers above and below ask it, they never ``execute`` themselves."""
    for path in (SRC / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [
            n.func.attr
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr in ("execute", "executemany", "executescript")
        ]
        assert not calls, f"{path} runs SQL itself"
