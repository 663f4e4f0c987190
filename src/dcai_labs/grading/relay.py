"""The one way out of a grading sandbox: the grading Hub, relayed over a Unix socket.

A sandboxed kernel has its own network namespace, so the machine's 127.0.0.1 (and with it every other
service on the machine, including other learners' Hubs) does not exist for it. Labs that use the Hub still
need that one Hub, at the address in their HF_ENDPOINT. Two relays join the ends:

- outside, :class:`UnixToTcp` (a thread of the grader) accepts connections on a Unix socket in the
  sandbox's runtime folder and connects each to the Hub's TCP port on the machine's loopback;
- inside, ``python -m dcai_labs.grading.relay PORT SOCKET -- KERNEL...`` listens on the sandbox's own
  127.0.0.1:PORT, connects each accepted connection to that Unix socket, and runs the kernel as its child.

Learner code can stop or replace the inner relay; all it gains is losing its own Hub.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

CHUNK = 1 << 16


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


def _joiner(
    connect: Callable[[], Awaitable[tuple[asyncio.StreamReader, asyncio.StreamWriter]]],
) -> Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]:
    async def join(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await connect()
        except OSError:
            writer.close()
            return
        await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))

    return join


class UnixToTcp:
    """Accept on a Unix socket, connect to 127.0.0.1:port; a daemon thread with its own event loop."""

    def __init__(self, socket_path: Path, port: int, host: str = "127.0.0.1") -> None:
        self.socket_path, self.port, self.host = socket_path, port, host
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"hub-relay-{port}", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def start() -> asyncio.AbstractServer:
            join = _joiner(lambda: asyncio.open_connection(self.host, self.port))
            return await asyncio.start_unix_server(join, path=str(self.socket_path))

        self._server = self._loop.run_until_complete(start())
        self.socket_path.chmod(0o777)  # the sandbox's user connects to it
        self._ready.set()
        self._loop.run_forever()

    def start(self) -> UnixToTcp:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError(f"the Hub relay on {self.socket_path} did not start")
        return self

    def stop(self) -> None:
        def close() -> None:
            self._server.close()
            self._loop.stop()

        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(close)
            self._thread.join(5)
        self.socket_path.unlink(missing_ok=True)


def _serve_inside(port: int, socket_path: str, ready: threading.Event) -> None:
    loop = asyncio.new_event_loop()
    join = _joiner(lambda: asyncio.open_unix_connection(socket_path))
    loop.run_until_complete(asyncio.start_server(join, "127.0.0.1", port))
    ready.set()
    loop.run_forever()


def main(argv: list[str]) -> int:
    """``PORT SOCKET -- COMMAND...``: relay 127.0.0.1:PORT to SOCKET while COMMAND runs; COMMAND's exit code."""
    if len(argv) < 4 or argv[2] != "--":
        print("usage: python -m dcai_labs.grading.relay PORT SOCKET -- COMMAND...", file=sys.stderr)
        return 2
    port, socket_path, command = int(argv[0]), argv[1], argv[3:]
    ready = threading.Event()
    threading.Thread(target=_serve_inside, args=(port, socket_path, ready), daemon=True).start()
    if not ready.wait(10):
        print(f"relay: could not listen on 127.0.0.1:{port}", file=sys.stderr)
        return 1
    child = subprocess.Popen(command)
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda s, _f: child.send_signal(s))
    return child.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
