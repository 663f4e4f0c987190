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
``dcai check``, ``make demo``; they set :data:`GRADING_HUB_VARIABLE`), that Hub is used.

Every kernel runs in the grading sandbox (:mod:`dcai_labs.grading.sandbox`), in a working copy that holds
the lab's own data files and nothing that was submitted beside the notebook. Where no sandbox can be made,
grading stops with the reason, unless the instructor asked for ``--unsafe`` (``DCAI_UNSAFE_GRADING=1``).
:class:`CapOutputBytes` then bounds what a notebook's outputs can add to the autograded copy and feedback.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Integer

from ..course import CourseError, Lab, course_root, get_lab
from .lab_hub import GRADING_HUB_VARIABLE, grading_hub, kernel_environment
from .relay import UnixToTcp
from .sandbox import Sandbox, notebook_sandbox, require_sandbox
from .sandboxed_kernel import HUB_SOCKET, SandboxedKernelManager


class ExecuteWithHub(Execute):
    """Execute a submission with the environment its lab needs: a per-student Hub, or no Hub settings at all.

    Configured like nbgrader's Execute (``c.Execute.timeout`` and friends apply to it).
    """

    _kernel_env: dict[str, str] | None = None
    _sandbox: Sandbox | None = None
    _hub_port: int | None = None

    def preprocess(self, nb: Any, resources: Any = None, km: Any = None) -> tuple[Any, Any]:
        details = (resources or {}).get("nbgrader", {})
        lab = self._lab(details.get("assignment"))
        sandboxed = require_sandbox("autograding")
        if os.environ.get(GRADING_HUB_VARIABLE):
            hub: AbstractContextManager[dict[str, str]] = nullcontext({})
        else:
            student = details.get("student") or "student"
            hub = grading_hub(lab, student) if lab is not None else nullcontext({})
        with ExitStack() as stack:
            hub_env = stack.enter_context(hub)
            # under a process-wide grading Hub the kernel inherits this process's environment (and that Hub)
            env = None if os.environ.get(GRADING_HUB_VARIABLE) else kernel_environment(hub_env)
            if sandboxed:
                stack.enter_context(self._sandboxed(lab, env if env is not None else dict(os.environ)))
            self._kernel_env = env
            try:
                return super().preprocess(nb, resources, km)
            finally:
                self._kernel_env, self._sandbox, self._hub_port = None, None, None

    @contextmanager
    def _sandboxed(self, lab: Lab | None, env: dict[str, str]) -> Iterator[None]:
        """The notebook's sandbox, and the Hub relay if its lab uses a Hub."""
        with notebook_sandbox(lab.source_notebook.parent if lab is not None else None, env) as sandbox:
            assert sandbox.runtime is not None
            hub_url = env.get("HF_ENDPOINT") if lab is not None and lab.needs_hub else None
            self._hub_port = urlsplit(hub_url).port or 80 if hub_url else None
            relay = UnixToTcp(sandbox.runtime / HUB_SOCKET, self._hub_port).start() if self._hub_port else None
            self._sandbox = sandbox
            self.kernel_manager_class = SandboxedKernelManager
            try:
                yield
            finally:
                if relay is not None:
                    relay.stop()

    def create_kernel_manager(self) -> Any:
        km = super().create_kernel_manager()
        if self._sandbox is not None:
            km.use(self._sandbox, self._hub_port)
        return km

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


class CapOutputBytes(NbGraderPreprocessor):
    """Bound the bytes of every output, after nbgrader's LimitOutput (which counts lines, so one 49 MB line
    passes it whole into the autograded notebook and the feedback page)."""

    max_output_bytes = Integer(200_000, help="largest text or data of one output, in bytes").tag(config=True)

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = self._cap(output["text"])
            for mime, value in list(output.get("data", {}).items()):
                if isinstance(value, str) and len(value) > self.max_output_bytes:
                    if mime.startswith("text/"):
                        output["data"][mime] = self._cap(value)
                    else:  # a picture cut in half is no picture: say what was there
                        del output["data"][mime]
                        output["data"].setdefault("text/plain", f"[{mime} output of {len(value)} bytes removed]")
            if "traceback" in output:
                output["traceback"] = [self._cap(line) for line in output["traceback"]]
        return cell, resources

    def _cap(self, text: Any) -> Any:
        if isinstance(text, list):
            text = "".join(text)
        data = text.encode("utf-8", errors="replace")
        if len(data) <= self.max_output_bytes:
            return text
        kept = data[: self.max_output_bytes].decode("utf-8", errors="ignore")
        return f"{kept}\n... [output truncated by the grader: {len(data)} bytes, {self.max_output_bytes} kept]\n"


def autograde_preprocessors() -> list[type]:
    """nbgrader's default autograde steps, with :class:`ExecuteWithHub` in place of ``Execute`` and
    :class:`CapOutputBytes` after ``LimitOutput``."""
    from nbgrader.converters.autograde import Autograde
    from nbgrader.preprocessors import LimitOutput

    steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
    if Execute not in steps or LimitOutput not in steps:
        raise RuntimeError(f"nbgrader's autograde steps changed ({steps}); update {__name__}")
    steps = [ExecuteWithHub if step is Execute else step for step in steps]
    steps.insert(steps.index(LimitOutput) + 1, CapOutputBytes)
    return steps
