"""nbgrader's Execute step, with a fresh local Hub for labs that need one: so plain ``nbgrader autograde`` and
the formgrader's *Autograde* button grade Hub labs exactly as ``dcai autograde`` does.

``grading/nbgrader_config.py`` puts :class:`ExecuteWithHub` in place of nbgrader's ``Execute`` in
``Autograde.autograde_preprocessors``. For each submission it asks the lab's *source* notebook (never the
submission) whether the lab needs a Hub (:attr:`dcai_labs.course.Lab.needs_hub`). If it does, the kernel runs
against a :class:`~localhub.process.ThrowawayHub` on which the student's nbgrader id is the user, started
for this one notebook and deleted afterwards. Either way the kernel never inherits Hub settings from the grader's
own shell: an instructor who autogrades from ``make lab`` must not have students' notebooks push to, or read
from, the instructor's Hub with the instructor's token.

When the course's own machinery already gave the whole nbgrader process a grading Hub (``dcai autograde``,
``dcai check``, ``make demo``; they set :data:`GRADING_HUB_VARIABLE`), this step changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from nbgrader.preprocessors import Execute

from ..course import CourseError, course_root, get_lab
from .lab_hub import GRADING_HUB_VARIABLE, grading_hub, kernel_environment


class ExecuteWithHub(Execute):
    """Execute a submission with the environment its lab needs: a per-student Hub, or no Hub settings at all.

    Configured like nbgrader's Execute (``c.Execute.timeout`` and friends apply to it).
    """

    _kernel_env: dict[str, str] | None = None

    def preprocess(self, nb: Any, resources: Any = None, km: Any = None) -> tuple[Any, Any]:
        if os.environ.get(GRADING_HUB_VARIABLE):
            return super().preprocess(nb, resources, km)
        details = (resources or {}).get("nbgrader", {})
        lab = self._lab(details.get("assignment"))
        student = details.get("student") or "student"
        hub: AbstractContextManager[dict[str, str]] = grading_hub(lab, student) if lab is not None else nullcontext({})
        with hub as hub_env:
            self._kernel_env = kernel_environment(hub_env)
            try:
                return super().preprocess(nb, resources, km)
            finally:
                self._kernel_env = None

    @contextmanager
    def setup_kernel(self, **kwargs: Any) -> Iterator[None]:
        if self._kernel_env is not None:
            kwargs.setdefault("env", self._kernel_env)
        with super().setup_kernel(**kwargs):
            yield

    def _lab(self, assignment: str | None) -> Any:
        """The course lab being graded, or None when this is not one (a course of someone else's, a test)."""
        if not assignment:
            return None
        configured = self.config.get("CourseDirectory", {}).get("root")
        try:
            return get_lab(assignment, Path(configured) if configured else course_root())
        except CourseError:
            return None


def autograde_preprocessors() -> list[type]:
    """nbgrader's default autograde steps, with :class:`ExecuteWithHub` in place of ``Execute``."""
    from nbgrader.converters.autograde import Autograde

    steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
    if Execute not in steps:
        raise RuntimeError(f"nbgrader's autograde steps changed (no Execute in {steps}); update {__name__}")
    return [ExecuteWithHub if step is Execute else step for step in steps]
