"""``python -m dcai_labs.hub [--host H] [--port P] [--data-dir D] [--roster R]``: run the local Hub."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..course import CourseError


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dcai_labs.hub", description="Run the course's local Hugging Face Hub.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    p.add_argument("--port", type=int, default=8765, help="port (default: %(default)s; 0 picks a free one)")
    p.add_argument("--data-dir", default="~/.cache/dcai-labs/hub", help="where repositories live (default: %(default)s)")
    p.add_argument("--roster", help="YAML/CSV roster of users and tokens (default: one self-study learner)")
    p.add_argument("--max-request-bytes", type=int, default=None, help="largest API request body accepted")
    args = p.parse_args(argv)
    from .server import serve

    try:
        serve(Path(args.data_dir).expanduser(), host=args.host, port=args.port,
              roster=Path(args.roster) if args.roster else None, max_request_bytes=args.max_request_bytes)
    except CourseError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
