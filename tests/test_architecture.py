"""The import contracts in pyproject.toml name every module of `workshop`.

`lint-imports` (run by .ci/run) only checks the modules a contract names. A new
module left out of the layers would escape every rule, so this test fails until
it is given its place, and until the core contract lists every Textual-free module.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "workshop"
NOT_CODE = {"_build"}  # the build hook: setuptools runs it, the app never imports it


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["type"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _top_level_modules() -> set[str]:
    names = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    names |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    return names - NOT_CODE


def test_every_module_has_a_layer() -> None:
    layers = _contracts()["layers"]["layers"]
    placed = {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}
    assert _top_level_modules() - placed == set(), "add these modules to a layer"
    assert placed - _top_level_modules() == set(), "these layers name no module"


def test_the_core_contract_lists_every_module_below_the_ui() -> None:
    layers = _contracts()["layers"]["layers"]
    core_layers = layers[layers.index("session") :]
    core = {f"workshop.{n.strip()}" for layer in core_layers for n in layer.split("|")}
    assert set(_contracts()["forbidden"]["source_modules"]) == core
