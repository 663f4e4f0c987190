"""Regenerate released (student) notebooks from source/ with nbgrader's generate_assignment.

notebooks/<lab>/ is committed and must always equal what generate_assignment makes from source/<lab>/;
``dcai release`` is the one way to refresh it, and a test checks the two never drift apart.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..course import Lab
from .nbgrader_cli import run_nbgrader


def release_lab(lab: Lab) -> Path:
    """Run generate_assignment for one lab into <root>/notebooks/<lab>; returns the released notebook."""
    run_nbgrader(lab.root, "generate_assignment", lab.lab_id, "--force")
    # nbgrader leaves no other trace in notebooks/, but checkpoints copied from source/ must not ship.
    for junk in lab.release_dir.rglob(".ipynb_checkpoints"):
        shutil.rmtree(junk)
    return lab.released_notebook


def copy_course_skeleton(src_root: Path, dest_root: Path, lab_ids: list[str]) -> Path:
    """Make a minimal course directory at dest_root: the config and the given labs' source folders.

    Used for grading in isolation (self-study checks, tests): nothing in the real checkout is touched.
    """
    (dest_root / "grading").mkdir(parents=True, exist_ok=True)
    shutil.copy2(src_root / "grading" / "nbgrader_config.py", dest_root / "grading" / "nbgrader_config.py")
    for lab_id in lab_ids:
        shutil.copytree(
            src_root / "source" / lab_id,
            dest_root / "source" / lab_id,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
            dirs_exist_ok=True,
        )
    return dest_root
