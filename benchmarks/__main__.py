"""``make bench``: run every benchmark and print its table.

``python -m benchmarks [name ...]`` runs only the named benchmarks (default: all, in the order below).
"""

import importlib
import sys

BENCHMARKS = ("lab_runtime", "grading_sandbox", "hub_transfer", "hub_commits", "hub_pages", "hub_classroom")


def main(argv: list[str]) -> int:
    unknown = [name for name in argv if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    selected = [name for name in BENCHMARKS if name in argv] if argv else list(BENCHMARKS)
    failed = []
    for name in selected:
        rc = importlib.import_module(f"{__package__}.{name}").main()
        if rc:  # lab_runtime returns None; the others return non-zero on failure
            failed.append(name)
    if failed:
        print(f"FAIL: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
