"""The test kit (testkit/) and the product (pipelines/) stay apart.

The kit renders test PDFs and their ground truth from its own model of the document. If it
borrowed the extractor's vocabulary (class names, numerals, text normalisation), a change there
would move the truth and the extraction together and no test would notice. So the kit may take
from ``pipelines`` only the fact contract's frame shape (``pipelines.schema``), and the installed
package never imports the kit.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

KIT = ROOT / "testkit"
PRODUCT = ROOT / "pipelines"
# What the kit may import from the product: the contract's frame shape, nothing else.
ALLOWED_FROM_PRODUCT = {"pipelines.schema"}
# The extractor's vocabulary, named so a failure says what went wrong.
FORBIDDEN_IN_KIT = (
    "pipelines.extract",
    "pipelines.domain",
    "pipelines.normalize",
    "pipelines.text",
)


def imported_modules(path: Path) -> set[str]:
    """Absolute module names a file imports (``from pipelines import x`` counts as
    ``pipelines.x``); relative imports are resolved against the file's package."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def sources(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", sources(KIT), ids=lambda p: p.name)
def test_kit_does_not_import_the_extractors_vocabulary(path: Path) -> None:
    names = imported_modules(path)
    forbidden = sorted(n for n in names for f in FORBIDDEN_IN_KIT if within(n, f))
    assert not forbidden, f"{path.relative_to(ROOT)} imports {forbidden}"
    # ``from pipelines.schema import facts_frame`` also yields 'pipelines.schema.facts_frame'.
    product = {n for n in names if within(n, "pipelines")} - {"pipelines"}
    stray = sorted(
        n for n in product if not any(within(n, allowed) for allowed in ALLOWED_FROM_PRODUCT)
    )
    assert not stray, f"{path.relative_to(ROOT)} imports {stray}; only pipelines.schema is allowed"


@pytest.mark.parametrize("path", sources(PRODUCT), ids=lambda p: str(p.relative_to(PRODUCT)))
def test_product_does_not_import_the_kit(path: Path) -> None:
    names = imported_modules(path)
    assert not [n for n in names if within(n, "testkit")], f"{path.relative_to(ROOT)}"
    assert not [n for n in names if within(n, "pipelines.corpus")], f"{path.relative_to(ROOT)}"


def test_importing_the_kit_loads_only_the_contract() -> None:
    """Transitively too: importing every kit module loads no product module but the schema."""
    script = (
        "import importlib, pkgutil, sys, testkit\n"
        "for m in pkgutil.iter_modules(testkit.__path__):\n"
        "    importlib.import_module('testkit.' + m.name)\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] == 'pipelines')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert set(out.stdout.split()) <= {"pipelines", *ALLOWED_FROM_PRODUCT}, out.stdout


def test_wheel_ships_only_the_product() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["pipelines"]
