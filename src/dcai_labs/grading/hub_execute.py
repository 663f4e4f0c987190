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

import math
import os
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Integer

from ..course import CourseError, Lab, course_root, get_lab
from .lab_hub import GRADING_HUB_VARIABLE, grading_hub, kernel_environment
from .relay import UnixToTcp
from .sandbox import Sandbox, notebook_sandbox, require_sandbox
from .sandboxed_kernel import HUB_SOCKET, SandboxedKernelManager
from .structure import report_of
from .tripwires import new_token, probe_source, read_probe, tampering, took_marker_back, with_marker

#: The error a code cell gets when grading stopped before it: no output at all would be full marks.
NOT_RUN = "NotRunByGrader"


def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class ExecuteWithHub(Execute):
    """Execute a submission with the environment its lab needs: a per-student Hub, or no Hub settings at all.

    Configured like nbgrader's Execute (``c.Execute.timeout`` and friends apply to it). Unlike it, a notebook
    whose kernel dies, or whose cell ignores the interrupt at its timeout, or that runs past
    :attr:`notebook_timeout`, is still graded: the cells that ran keep their outputs (and their points), the
    kernel is stopped, every later code cell gets a ``NotRunByGrader`` error (0 points, where no output at all
    would be full marks), and the reason goes into the notebook's grading report.
    """

    notebook_timeout = Integer(
        600, help="wall-clock seconds for a whole notebook; the cells after it are not run (0 points)"
    ).tag(config=True)

    _kernel_env: dict[str, str] | None = None
    _sandbox: Sandbox | None = None
    _hub_port: int | None = None
    _stopped: str | None = None
    _deadline: float = 0.0
    _token: str = ""
    _hooks_before: dict | None = None

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
            self._stopped, self._deadline = None, time.monotonic() + self.notebook_timeout
            try:
                nb, resources = super().preprocess(nb, resources, km)
            finally:
                self._kernel_env, self._sandbox, self._hub_port = None, None, None
            if self._stopped:
                report_of(nb)["problems"].append(self._stopped)
            return nb, resources

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        """Run one cell; before the first and after the last, compare the kernel's hooks (tripwires)."""
        if index == 0:
            self._token = new_token()
            self._hooks_before = self._probe(index)
        cell, resources = self._run_cell(cell, resources, index)
        if index == len(self.nb.cells) - 1 and self._stopped is None:
            report_of(self.nb)["flags"].extend(tampering(self._hooks_before, self._probe(index)))
        return cell, resources

    def _probe(self, index: int) -> dict | None:
        """The kernel's hooks, read by a cell that is not part of the notebook."""
        probe = new_code_cell(probe_source(self._token))
        cell = self.nb.cells[index]  # nbclient stores the cell it ran at its index: put the notebook's back
        try:
            self.execute_cell(probe, index, store_history=False)
        except (DeadKernelError, CellTimeoutError):
            return None
        finally:
            self.nb.cells[index] = cell
        found = read_probe(probe.outputs, self._token)
        if found is None:
            self.log.warning("the grader's check of the kernel's hooks got: %s", probe.outputs)
        return found

    def _run_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        """Run one cell, marking a test cell so that one which did not run to its end scores 0."""
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not nbgrader.get("grade") or nbgrader.get("solution"):
            return self._execute(cell, resources, index)
        source = cell.source
        cell.source = with_marker(source, self._token)
        try:
            cell, resources = self._execute(cell, resources, index)
        finally:
            cell.source = source
        ran = took_marker_back(cell, self._token)
        if not ran and not any(o.get("output_type") == "error" for o in cell.outputs):
            cell.outputs.append(_error("TestDidNotRun", "this test cell did not run to its end"))
            report_of(self.nb)["flags"].append(
                f"test cell {nbgrader.get('grade_id')!r} showed no error but did not run to its end; scored 0"
            )
        return cell, resources

    def _execute(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        if cell.cell_type != "code" or not cell.source.strip():
            return cell, resources
        if self._stopped is None and time.monotonic() >= self._deadline:
            self._stop(f"the notebook ran out of its {self.notebook_timeout} s before cell {index + 1}")
        if self._stopped is not None:
            cell.outputs, cell.execution_count = [_error(NOT_RUN, f"not run: {self._stopped}")], None
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            cell.outputs.append(_error("DeadKernelError", "the kernel died while this cell ran"))
            self._stop(f"the kernel died in cell {index + 1} (it exited, was killed or ran out of memory)")
        except CellTimeoutError:  # interrupted at its timeout, the cell did not stop within nbclient's iopub_timeout
            cell.outputs.append(_error("CellTimeoutError", "the cell ignored the interrupt at its timeout"))
            self._stop(f"cell {index + 1} ran past its timeout and ignored the interrupt")
        return cell, resources

    def _get_timeout(self, cell: Any) -> int | None:
        """A cell's timeout, never beyond what is left of the notebook's."""
        timeout = super()._get_timeout(cell)
        left = max(1, math.ceil(self._deadline - time.monotonic()))  # a cell stopped by it ends past it
        return left if timeout is None else min(timeout, left)

    def _stop(self, reason: str) -> None:
        """Record why grading stops here, and stop the kernel with everything it started."""
        self._stopped = reason
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception as exc:  # already gone: nothing left to stop
                self.log.debug("stopping the kernel: %s", exc)

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


class NoPartialCredit(NbGraderPreprocessor):
    """A test cell scores all or nothing: its ``execute_result`` outputs become plain displays.

    nbgrader reads a number shown as a test cell's last value as partial credit, and the value of a cell is
    whatever the learner's kernel says it is (``sys.displayhook`` can be replaced). The course's tests pass
    or fail by their assertions only.
    """

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        if cell.cell_type == "code" and cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "execute_result":
                    output["output_type"] = "display_data"
                    output.pop("execution_count", None)
        return cell, resources


def autograde_preprocessors() -> list[type]:
    """nbgrader's default autograde steps, with :class:`ExecuteWithHub` in place of ``Execute``,
    :class:`NoPartialCredit` after it, :class:`CapOutputBytes` after ``LimitOutput`` and the grading report
    recorded last (:class:`dcai_labs.grading.ledger.RecordGradingReport`)."""
    from nbgrader.converters.autograde import Autograde
    from nbgrader.preprocessors import LimitOutput

    from .ledger import RecordGradingReport

    steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
    if Execute not in steps or LimitOutput not in steps:
        raise RuntimeError(f"nbgrader's autograde steps changed ({steps}); update {__name__}")
    steps = [ExecuteWithHub if step is Execute else step for step in steps]
    steps.insert(steps.index(ExecuteWithHub) + 1, NoPartialCredit)
    steps.insert(steps.index(LimitOutput) + 1, CapOutputBytes)
    return [*steps, RecordGradingReport]


def sanitize_preprocessors() -> list[type]:
    """nbgrader's sanitising steps with :class:`dcai_labs.grading.structure.RestoreStructure` first."""
    from nbgrader.converters.autograde import Autograde

    from .structure import RestoreStructure

    return [RestoreStructure, *Autograde.class_traits()["sanitize_preprocessors"].default()]
