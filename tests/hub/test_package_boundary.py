"""localhub is a product of its own: it imports nothing from the course package that ships it."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import localhub

PACKAGE = Path(localhub.__file__).parent


def _package_of(path: Path) -> list[str]:
    """The dotted package a module file is in, e.g. ['localhub', 'api'] for localhub/api/repos.py."""
    return ["localhub", *path.parent.relative_to(PACKAGE).parts]


def test_no_localhub_module_imports_the_course() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                if node.level:  # relative: resolve it against the module's own package
                    package = _package_of(path)
                    base = package[: len(package) - node.level + 1]
                    names = [".".join([*base, *([node.module] if node.module else [])]) if base else ".."]
                else:
                    names = [node.module or ""]
            # the course package, or a relative import that climbs out of localhub
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("dcai_labs", "..")]
    assert offenders == []


def test_importing_every_localhub_module_loads_no_course_code() -> None:
    modules = [m.name for m in pkgutil.walk_packages([str(PACKAGE)], "localhub.") if not m.name.endswith("__main__")]
    code = (
        f"import sys; import {', '.join(modules)}; print(sorted(m for m in sys.modules if m.startswith('dcai_labs')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
