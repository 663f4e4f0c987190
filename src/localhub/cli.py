"""The ``localhub`` command: ``localhub serve [--host H] [--port P] [--data-dir D] [--roster R]``.

A problem the operator can fix (port taken, data folder not writable, bad roster) is printed as one line
starting with ``localhub: error:`` and the exit status is 2; nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .auth import DEFAULT_NAME, DEFAULT_TOKEN

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_DATA_DIR = "~/.cache/localhub"


def add_serve_arguments(parser: argparse.ArgumentParser, *, data_dir: str = DEFAULT_DATA_DIR) -> None:
    """The options of ``serve``; shared with commands that wrap it (the course's ``dcai hub serve``)."""
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="address to bind (default: %(default)s, this machine only)"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port (default: %(default)s; 0 picks a free one)"
    )
    parser.add_argument("--data-dir", default=data_dir, help="where repositories live (default: %(default)s)")
    parser.add_argument(
        "--roster",
        help=f"YAML/CSV roster of users and tokens for a class (default: one learner, {DEFAULT_NAME!r}, "
        f"token {DEFAULT_TOKEN})",
    )
    parser.add_argument("--max-request-bytes", type=int, default=None, help="largest API request body accepted")
    parser.add_argument("--log-level", default="warning", help="uvicorn's log level (default: %(default)s)")
    parser.add_argument(
        "--preload-inference",
        action="store_true",
        help="import the Inference API's model stack at start (in the background), not at the first request",
    )
    parser.add_argument(
        "--ephemeral",
        action="store_true",
        help="the data folder is deleted when the server stops (grading, tests): uploads are not synced to disk",
    )


def run_serve(args: argparse.Namespace, prog: str = "localhub") -> int:
    """Serve until interrupted; a fixable problem is one line on stderr (``{prog}: error: ...``), exit status 2."""
    from .auth import RosterError
    from .server import ServeError, serve

    try:
        serve(
            Path(args.data_dir).expanduser(),
            host=args.host,
            port=args.port,
            roster=Path(args.roster).expanduser() if args.roster else None,
            max_request_bytes=args.max_request_bytes,
            log_level=args.log_level,
            preload_inference=args.preload_inference,
            ephemeral=args.ephemeral,
        )
    except (ServeError, RosterError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="localhub", description="An offline Hugging Face Hub: the real clients work against it via HF_ENDPOINT."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the Hub until interrupted")
    add_serve_arguments(serve)
    serve.set_defaults(func=run_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
