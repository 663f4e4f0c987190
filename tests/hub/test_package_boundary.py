"""localhub is a product of its own: it imports nothing from the course package that ships it."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import localhub

PACKAGE = Path(localhub.__file__).parent


def test_no_localhub_module_imports_the_course() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "dcai_labs" or n.startswith("..")]
    assert offenders == []


def test_importing_every_localhub_module_loads_no_course_code() -> None:
    modules = [f"localhub.{m.name}" for m in pkgutil.iter_modules([str(PACKAGE)]) if m.name != "__main__"]
    code = (
        f"import sys; import {', '.join(modules)}; print(sorted(m for m in sys.modules if m.startswith('dcai_labs')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
