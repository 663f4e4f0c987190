"""Learner code in the grading sandbox: what a cheating submission tries, through plain `nbgrader autograde`.

A submission of the fixture lab answers every exercise correctly and, in an extra cell, tries what the threat
model of docs/grading-security.md lists: read the solutions and hidden tests, write the gradebook, the config
and source/, plant a file that later runs copy, reach a service on the machine, leave a process behind,
exhaust memory, and replace the kernel with a module submitted beside the notebook. Graded with a classmate
after it, through nbgrader's own command line and the course's config, every attempt must fail and both must
get exactly the grade of their answers.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import subprocess
import textwrap
import time
from pathlib import Path

import nbformat
import pytest

from dcai_labs.course import get_lab
from dcai_labs.grading.gradebook import notebook_scores
from dcai_labs.grading.nbgrader_cli import run_nbgrader_steps
from dcai_labs.grading.release import release_lab
from dcai_labs.grading.sandbox import Sandbox, unavailable_reason
from dcai_labs.grading.submissions import reference_submission

pytestmark = pytest.mark.slow
MINI = "00_mini"
MARKER = "dcai-sandbox-test-daemon"


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _cheat_cell(root: Path, port: int) -> str:
    """A cell that tries each attack and prints one JSON line of what happened."""
    return textwrap.dedent(f"""
        import json, os, socket, subprocess
        _result = {{}}
        def _try(name, action):
            try:
                _result[name] = "succeeded: " + str(action())[:80]
            except BaseException as exc:
                _result[name] = "failed: " + type(exc).__name__
        _root = {str(root)!r}
        _try("read source", lambda: open(_root + "/source/{MINI}/{MINI}.ipynb").read())
        _try("list course", lambda: os.listdir(_root))
        _try("write gradebook", lambda: open(_root + "/grading/gradebook.db", "ab").write(b"x"))
        _try("write config", lambda: open(_root + "/grading/nbgrader_config.py", "a").write("\\nc.X = 1\\n"))
        _try("plant in source", lambda: open(_root + "/source/{MINI}/planted.py", "w").write("x"))
        _try("read home", lambda: open(os.path.expanduser("~root") + "/.bashrc").read())
        _try("read grader env", lambda: os.environ["DCAI_SECRET_OF_THE_GRADER"])
        _try("machine port", lambda: socket.create_connection(("127.0.0.1", {port}), timeout=2))
        _try("memory", lambda: len(bytearray(12 * 1024**3)))
        _try("daemon", lambda: subprocess.Popen(["sh", "-c", "exec -a {MARKER} sleep 120"], start_new_session=True).pid)
        _try("whoami", lambda: os.getuid())
        print("CHEAT " + json.dumps(_result))
    """)


@pytest.fixture
def listener():
    """A TCP service on the machine's loopback, counting connections (the sandbox must not reach it)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.1)
    yield server
    server.close()


def test_a_sandboxed_kernel_sees_only_its_own_files():
    assert unavailable_reason() is None, f"the grading sandbox cannot be made here: {unavailable_reason()}"
    probe = Sandbox(None, None).command(
        ["sh", "-c", "id -u; test -e /work && ls /work; test -e /root/.bashrc && echo bashrc; echo done"]
    )
    out = subprocess.run(probe, capture_output=True, text=True, timeout=60, check=True).stdout.split()
    assert out[0] == "65534" and out[-1] == "done" and "bashrc" not in out


def test_cheating_submission_gets_only_its_answers_and_changes_nothing(mini_course: Path, listener, tmp_path):
    lab = get_lab(MINI, mini_course)
    release_lab(lab)
    honest = reference_submission(nbformat.read(lab.released_notebook, 4), nbformat.read(lab.source_notebook, 4))
    cheat = nbformat.from_dict(json.loads(json.dumps(honest)))
    cheat.cells.insert(2, nbformat.v4.new_code_cell(_cheat_cell(mini_course, listener.getsockname()[1])))
    for student, nb in (("cheater", cheat), ("classmate", honest)):
        folder = mini_course / "grading" / "submitted" / student / MINI
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{MINI}.ipynb")
    # a module beside the notebook that would replace the kernel if Python imported it from the working folder
    (mini_course / "grading" / "submitted" / "cheater" / MINI / "ipykernel_launcher.py").write_text(
        "raise SystemExit('the planted launcher ran')\n"
    )
    source_before = _tree_digest(mini_course / "source")
    config_before = (mini_course / "grading" / "nbgrader_config.py").read_bytes()

    (Path.home() / ".bashrc").touch()
    result = run_nbgrader_steps(
        mini_course,
        ["autograde", MINI, "--student=cheater"],
        ["autograde", MINI, "--student=classmate"],
        check=False,
        env={"DCAI_SECRET_OF_THE_GRADER": "token"},
    )
    assert result.ok, result.log[-3000:]

    db = f"sqlite:///{mini_course / 'grading' / 'gradebook.db'}"
    for student in ("cheater", "classmate"):
        scores = notebook_scores(db, MINI, student)
        assert scores.autograded_score == scores.autograded_max == 5, (student, scores.cells)
    graded = nbformat.read(mini_course / "grading" / "autograded" / "cheater" / MINI / f"{MINI}.ipynb", 4)
    line = next(o["text"] for o in graded.cells[2].outputs if o.get("name") == "stdout" and "CHEAT" in o["text"])
    attempts = json.loads(line.split("CHEAT ", 1)[1])
    assert attempts.pop("whoami") == "succeeded: 65534"
    assert attempts.pop("daemon").startswith("succeeded")  # it may start; it must not outlive the notebook
    assert all(outcome.startswith("failed") for outcome in attempts.values()), json.dumps(attempts)
    assert _tree_digest(mini_course / "source") == source_before
    assert (mini_course / "grading" / "nbgrader_config.py").read_bytes() == config_before
    with pytest.raises(TimeoutError):
        listener.accept()
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", MARKER], capture_output=True, text=True).stdout.split()
    assert not left, f"processes of the graded notebook outlived it: {left}"


def test_huge_single_line_output_is_capped_in_the_autograded_notebook(mini_course: Path):
    lab = get_lab(MINI, mini_course)
    release_lab(lab)
    nb = reference_submission(nbformat.read(lab.released_notebook, 4), nbformat.read(lab.source_notebook, 4))
    nb.cells.insert(2, nbformat.v4.new_code_cell("print('x' * 20_000_000)"))
    folder = mini_course / "grading" / "submitted" / "loud" / MINI
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{MINI}.ipynb")
    run_nbgrader_steps(mini_course, ["autograde", MINI, "--student=loud"])
    graded = mini_course / "grading" / "autograded" / "loud" / MINI / f"{MINI}.ipynb"
    assert graded.stat().st_size < 1_000_000
    assert "output truncated by the grader" in graded.read_text()
    scores = notebook_scores(f"sqlite:///{mini_course / 'grading' / 'gradebook.db'}", MINI, "loud")
    assert scores.autograded_score == scores.autograded_max


def test_without_a_sandbox_grading_refuses_and_says_why(mini_course: Path, tmp_path: Path):
    """With no bubblewrap on the PATH, `dcai autograde` stops with the reason; --unsafe is the way past it."""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for tool in ("python3", "git", "sh", "setpriv", "prlimit", "id"):
        found = shutil.which(tool)
        if found:
            (fake_bin / tool).symlink_to(found)
    import sys

    env = {"PATH": str(fake_bin), "DCAI_COURSE_ROOT": str(mini_course), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "dcai_labs.cli", "autograde", MINI],
        capture_output=True,
        text=True,
        env=env,
        cwd=mini_course,
        timeout=120,
    )
    assert done.returncode != 0
    assert "bwrap is not installed (apt-get install bubblewrap)" in done.stderr + done.stdout
    assert "--unsafe" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
