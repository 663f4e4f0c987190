"""Where the course lives on disk and which labs it has.

The course root is the repository checkout (source/, notebooks/, grading/). It is found from
``DCAI_COURSE_ROOT``, else from the current directory upwards, else from this package's location (an
editable install inside the checkout), so ``dcai`` works from any folder of the repository.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path


class CourseError(Exception):
    """A problem the user can fix; the CLI prints it as one line and exits with code 2."""


def _is_course_root(path: Path) -> bool:
    return (path / "source").is_dir() and (path / "grading" / "nbgrader_config.py").is_file()


def course_root() -> Path:
    """The course checkout: DCAI_COURSE_ROOT, the nearest parent of the cwd, or the package's checkout."""
    env = os.environ.get("DCAI_COURSE_ROOT")
    if env:
        root = Path(env).resolve()
        if not _is_course_root(root):
            raise CourseError(
                f"DCAI_COURSE_ROOT={env} is not a course checkout (needs source/ and grading/nbgrader_config.py)"
            )
        return root
    for candidate in [Path.cwd(), *Path.cwd().parents, *Path(__file__).resolve().parents]:
        if _is_course_root(candidate):
            return candidate
    raise CourseError("cannot find the course checkout; run dcai inside the repository or set DCAI_COURSE_ROOT")


def config_dir(root: Path | None = None) -> Path:
    """The folder holding nbgrader_config.py (put on JUPYTER_CONFIG_PATH for every nbgrader process)."""
    return (root or course_root()) / "grading"


@dataclass(frozen=True)
class Lab:
    """One lab = one nbgrader assignment holding one notebook named like its folder."""

    lab_id: str
    root: Path

    @property
    def source_dir(self) -> Path:
        return self.root / "source" / self.lab_id

    @property
    def source_notebook(self) -> Path:
        return self.source_dir / f"{self.lab_id}.ipynb"

    @property
    def release_dir(self) -> Path:
        return self.root / "notebooks" / self.lab_id

    @property
    def released_notebook(self) -> Path:
        return self.release_dir / f"{self.lab_id}.ipynb"

    @property
    def needs_hub(self) -> bool:
        """Whether the lab talks to a Hub: its source notebook's metadata says ``"dcai": {"needs_hub": true}``.

        Read from the instructor's source, never from a submission, so a learner cannot switch it off. The
        grading machinery then runs the notebook against a fresh local Hub (localhub.process.ThrowawayHub).
        """
        try:
            metadata = json.loads(self.source_notebook.read_text(encoding="utf-8")).get("metadata", {})
        except (OSError, ValueError) as exc:
            raise CourseError(f"cannot read {self.source_notebook}: {exc}") from exc
        return bool(metadata.get("dcai", {}).get("needs_hub", False))


def list_labs(root: Path | None = None) -> list[Lab]:
    """Every lab folder in source/ that holds its notebook, in order."""
    root = root or course_root()
    labs = []
    for folder in sorted((root / "source").iterdir()):
        if folder.is_dir() and (folder / f"{folder.name}.ipynb").is_file():
            labs.append(Lab(folder.name, root))
    return labs


def get_lab(name: str, root: Path | None = None) -> Lab:
    """A lab by id ('01_data_centric_ai') or by number prefix ('01' or '1')."""
    labs = list_labs(root)
    for lab in labs:
        if name == lab.lab_id:
            return lab
    if name.isdigit():
        matches = [lab for lab in labs if lab.lab_id.split("_", 1)[0] == f"{int(name):02d}"]
        if len(matches) == 1:
            return matches[0]
    known = ", ".join(lab.lab_id for lab in labs) or "none"
    raise CourseError(f"unknown lab '{name}'; known labs: {known}")
