"""The ``dcai`` command: release labs, grade a notebook for self-study, run the instructor demo.

Every command is a thin layer over dcai_labs.grading; errors a user can fix (an unknown lab, an unreadable
notebook) are printed as one line and exit with code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from localhub.cli import add_serve_arguments

from .course import CourseError, course_root, get_lab, list_labs
from .launcher import HUB_DATA_DIR

console = Console()


def _fmt(points: float | None) -> str:
    return "-" if points is None else f"{points:g}"


def _report_text(report: object) -> str:
    """A grading report as one table cell: flags, then problems, then repairs."""
    if report is None:
        return ""
    from rich.markup import escape  # what a report quotes came from a learner's notebook

    lines = [f"[yellow]flagged:[/yellow] {escape(f)}" for f in report.flags]  # type: ignore[attr-defined]
    lines += [f"[red]{escape(p)}[/red]" for p in report.problems]  # type: ignore[attr-defined]
    lines += [f"[dim]{escape(n)}[/dim]" for n in report.notes]  # type: ignore[attr-defined]
    return "\n".join(lines)


def cmd_labs(args: argparse.Namespace) -> int:
    for lab in list_labs():
        console.print(f"{lab.lab_id}  [dim]{lab.released_notebook.relative_to(lab.root)}[/dim]")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from .grading.release import release_lab

    labs = [get_lab(name) for name in args.labs] if args.labs else list_labs()
    for lab in labs:
        path = release_lab(lab)
        console.print(f"released {lab.lab_id} -> {path.relative_to(lab.root)}")
    return 0


def _allow_unsafe(args: argparse.Namespace) -> None:
    """``--unsafe``: grade without a sandbox where none can be made (nbgrader's child processes read it too)."""
    from .grading.sandbox import UNSAFE_VARIABLE

    if getattr(args, "unsafe", False):
        os.environ[UNSAFE_VARIABLE] = "1"


def cmd_check(args: argparse.Namespace) -> int:
    from .grading.check import check_notebook
    from .grading.sandbox import UNSAFE_VARIABLE, unavailable_reason

    reason = unavailable_reason()
    if reason is not None:  # self-study: no credit is at stake, and the code is the learner's own
        console.print(
            f"[yellow]note:[/yellow] no grading sandbox on this machine ({reason}); "
            "your notebook runs unsandboxed, as it does in JupyterLab"
        )
        os.environ[UNSAFE_VARIABLE] = "1"

    console.print(f"grading {args.notebook} (a fresh kernel runs every cell; this takes about a minute) ...")
    report = check_notebook(Path(args.notebook), args.lab)
    scores = report.scores
    table = Table(title=f"{report.lab.lab_id}: {report.notebook.name}")
    for column in ("exercise", "graded cell", "kind", "score", "max"):
        table.add_column(column, justify="right" if column in ("score", "max") else "left")
    for cell in scores.cells:
        mark = "" if cell.kind == "manual" else (" ✓" if cell.score == cell.max_score else " ✗")
        table.add_row(cell.exercise, cell.grade_id, cell.kind, _fmt(cell.score) + mark, _fmt(cell.max_score))
    table.add_row(
        "[bold]autograded total[/bold]",
        "",
        "",
        f"[bold]{scores.autograded_score:g}[/bold]",
        f"{scores.autograded_max:g}",
    )
    console.print(table)
    if report.grading is not None and _report_text(report.grading):
        console.print(_report_text(report.grading))
    if scores.manual_pending:
        console.print(
            f"{scores.manual_pending} answer(s) are graded by a person; "
            f"compare yours with the solution in source/{report.lab.lab_id}/."
        )
    if report.feedback_html:
        console.print(f"HTML feedback: {report.feedback_html}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .grading.demo import run_demo

    _allow_unsafe(args)
    root = course_root()
    result = run_demo(root, args.labs or None)
    table = Table(title="make demo: autograded marks per submission")
    for column in ("lab", "student", "autograded", "max", "manual to grade"):
        table.add_column(column)
    for s in result.scores:
        table.add_row(s.lab_id, s.student_id, f"{s.autograded_score:g}", f"{s.autograded_max:g}", str(s.manual_pending))
    console.print(table)
    console.print(
        f"grades exported to {result.grades_csv.relative_to(root)}; "
        f"feedback in {result.feedback_dir.relative_to(root)}/"
    )
    return 0


def cmd_autograde(args: argparse.Namespace) -> int:
    from rich.markup import escape

    from .grading.autograde import autograde_lab
    from .grading.gradebook import notebook_scores
    from .grading.sandbox import require_sandbox

    _allow_unsafe(args)
    require_sandbox("dcai autograde")  # says why, and stops, before any nbgrader process starts
    root = course_root()
    lab = get_lab(args.lab)
    run = autograde_lab(root, lab, args.students or None)
    reports = {r.student_id: r for r in run.reports}
    table = Table(title=f"{lab.lab_id}: autograded")
    for column in ("student", "autograded", "max", "manual to grade", "grading report"):
        table.add_column(column)
    for student in run.students:
        report = reports.get(student)
        said = _report_text(report)
        if student in run.failed:
            table.add_row(student, "[red]not graded[/red]", "-", "-", said)
            continue
        try:
            s = notebook_scores(f"sqlite:///{root / 'grading' / 'gradebook.db'}", lab.lab_id, student)
        except KeyError:  # never autograded: the problem is listed below
            table.add_row(student, "-", "-", "-", said)
            continue
        table.add_row(student, f"{s.autograded_score:g}", f"{s.autograded_max:g}", str(s.manual_pending), said)
    console.print(table)
    console.print(f"feedback in {(root / 'grading' / 'feedback').relative_to(root)}/; export with `nbgrader export`")
    for problem in run.problems:
        console.print(f"[red]problem:[/red] {escape(problem)}")
    for line in run.tampering:
        console.print(f"[red]changed outside the grader:[/red] {escape(line)}")
    return 1 if run.problems or run.tampering else 0


def cmd_normalize(args: argparse.Namespace) -> int:
    from .grading.notebook_checks import check_source_notebook, normalize_notebook

    labs = [get_lab(name) for name in args.labs] if args.labs else list_labs()
    problems = 0
    for lab in labs:
        nb = normalize_notebook(lab.source_notebook)
        issues = check_source_notebook(nb)
        problems += len(issues)
        console.print(f"{lab.lab_id}: " + ("ok" if not issues else f"{len(issues)} problem(s)"))
        for issue in issues:
            console.print(f"  - {issue}")
    return 1 if problems else 0


def cmd_hub_serve(args: argparse.Namespace) -> int:
    from localhub.cli import run_serve

    return run_serve(args, prog="dcai")


def cmd_lab(args: argparse.Namespace) -> int:
    from .launcher import run_lab

    jupyter_args = [a for a in args.jupyter_args if a != "--"]
    return run_lab(jupyter_args, hub=not args.no_hub)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dcai", description="Data-Centric AI and the Hugging Face Hub: course tools.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("labs", help="list the labs of the course")
    p.set_defaults(func=cmd_labs)

    p = sub.add_parser("release", help="regenerate the student notebooks in notebooks/ from source/ (nbgrader)")
    p.add_argument("labs", nargs="*", metavar="LAB", help="lab ids or numbers (default: all)")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("check", help="self-study: grade your notebook with the lab's full tests, hidden ones included")
    p.add_argument("notebook", metavar="NOTEBOOK", help="path to your .ipynb")
    p.add_argument("--lab", help="the lab it belongs to (default: guessed from the file)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("demo", help="instructor pipeline end to end: release, submit, autograde, feedback, export")
    p.add_argument("labs", nargs="*", metavar="LAB", help="lab ids (default: all)")
    p.add_argument(
        "--unsafe",
        action="store_true",
        help="grade even where no sandbox can be made (learner code then runs as you, unprotected)",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("autograde", help="instructor: autograde submissions in grading/submitted and write feedback")
    p.add_argument("lab", metavar="LAB", help="lab id or number")
    p.add_argument("students", nargs="*", metavar="STUDENT", help="student ids (default: every submission of the lab)")
    p.add_argument(
        "--unsafe",
        action="store_true",
        help="grade even where no sandbox can be made (learner code then runs as you, unprotected)",
    )
    p.set_defaults(func=cmd_autograde)

    p = sub.add_parser("normalize", help="clear outputs of source notebooks and check their nbgrader metadata")
    p.add_argument("labs", nargs="*", metavar="LAB", help="lab ids or numbers (default: all)")
    p.set_defaults(func=cmd_normalize)

    p = sub.add_parser("lab", help="open JupyterLab with the local Hub running beside it (what `make lab` runs)")
    p.add_argument(
        "--no-hub", action="store_true", help="do not start the local Hub (use the real Hub: set HF_TOKEN yourself)"
    )
    p.add_argument("jupyter_args", nargs=argparse.REMAINDER, help="arguments passed to `jupyter lab` (after --)")
    p.set_defaults(func=cmd_lab)

    hub = sub.add_parser("hub", help="the local Hugging Face Hub (offline, git-backed)")
    hub_sub = hub.add_subparsers(dest="hub_command", required=True, metavar="HUB_COMMAND")
    p = hub_sub.add_parser("serve", help="run the local Hub on 127.0.0.1 until interrupted (= `localhub serve`)")
    add_serve_arguments(p, data_dir=HUB_DATA_DIR)
    p.set_defaults(func=cmd_hub_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CourseError as exc:
        print(f"dcai: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
