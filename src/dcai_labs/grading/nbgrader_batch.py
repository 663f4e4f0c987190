"""Run several nbgrader commands, in order, in ONE Python process: ``python -m dcai_labs.grading.nbgrader_batch``.

Importing nbgrader costs about 4 s on the course's 2-core machines; a self-study check needs three commands
(generate_assignment, autograde, generate_feedback). Running them in one child process pays the import once.
Each command is a fresh NbGraderApp (initialised, started, then reset), as in nbgrader's own test-suite, and the
batch stops at the first command that fails, exiting with its code.

Usage: ``python -m dcai_labs.grading.nbgrader_batch '[["autograde", "lab", "--force"], ["export"]]' [--keep-going]``
"""

from __future__ import annotations

import json
import sys

from jupyter_core.application import NoStart
from nbgrader.apps import NbGraderApp


def run_one(argv: list[str]) -> int:
    """Run one nbgrader command in this process; returns its exit code."""
    app = NbGraderApp.instance()
    try:
        app.initialize(argv)
        app.start()
    except NoStart:
        return 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        app.reset()
    return 0


def main(commands: list[list[str]], keep_going: bool = False) -> int:
    """Run ``commands`` in order; stop at the first failure unless ``keep_going``.

    Returns 0, or the exit code of the first command that failed.
    """
    first_failure = 0
    for number, argv in enumerate(commands, start=1):
        code = run_one(argv)
        if code != 0:
            print(
                f"nbgrader {' '.join(argv)} failed (exit {code}; command {number} of {len(commands)})", file=sys.stderr
            )
            if not keep_going:
                return code
            first_failure = first_failure or code
    return first_failure


if __name__ == "__main__":
    sys.exit(main(json.loads(sys.argv[1]), keep_going="--keep-going" in sys.argv[2:]))
