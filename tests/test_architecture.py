"""The import contracts in pyproject.toml name every module of `workshop`.

`lint-imports` (run by .ci/run) only checks the modules a contract names. A new
module or folder left out of the layers would escape every rule, so this test fails
until it is given its place: at the top (command line, terminal UI, core) and inside
the terminal UI and the core.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "workshop"
NOT_CODE = {"_build", "_data"}  # the build hook (setuptools runs it) and shipped data


def _layers() -> dict[str, list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {
        c["containers"][0]: c["layers"]
        for c in config["tool"]["importlinter"]["contracts"]
        if c["type"] == "layers"
    }


def _children(folder: Path) -> set[str]:
    names = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    names |= {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}
    return names - NOT_CODE


@pytest.mark.parametrize("container", ["workshop", "workshop.core", "workshop.tui"])
def test_every_module_has_a_layer(container: str) -> None:
    layers = _layers()[container]
    placed = {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}
    folder = ROOT.joinpath(*container.split("."))
    assert _children(folder) - placed == set(), "add these modules to a layer"
    assert placed - _children(folder) == set(), "these layers name no module"


def test_the_core_is_below_the_terminal_ui() -> None:
    layers = _layers()["workshop"]
    # The room's web layer (issue 16) sits between them: the UI opens it, it serves the core.
    assert layers[-1] == "core" and layers.index("tui") < layers.index("core")


def test_the_app_mixins_declare_no_stubs_for_each_other() -> None:
    """Each of the App's mixins holds what it uses: no `def ...: ...` placeholders for
    methods another mixin or the App provides (they hid which class owned what)."""
    import ast

    for path in sorted((PACKAGE / "tui").glob("app*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                body = node.body[1:] if ast.get_docstring(node) else node.body
                stub = len(body) == 1 and isinstance(body[0], ast.Expr)
                stub = stub and isinstance(body[0].value, ast.Constant)
                assert not stub or body[0].value.value is not Ellipsis, f"{path.name}: {node.name}"
