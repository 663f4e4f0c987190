"""A Jupyter kernel manager whose kernels run in the grading sandbox (:mod:`dcai_labs.grading.sandbox`).

nbgrader's Execute step (through :class:`dcai_labs.grading.hub_execute.ExecuteWithHub`) gets one of these per
notebook. Three things differ from jupyter_client's own manager:

- ZeroMQ runs over Unix sockets in the notebook's runtime folder (``transport="ipc"``), the one folder the
  grader and the sandbox share; the sandbox has no access to the machine's network;
- interrupts are messages, not signals: the kernel is in its own PID namespace and session, where a signal
  from the grader does not reach it;
- the command line is wrapped: Python in safe-path mode (``-P``: a module planted in the working copy can
  not shadow ``ipykernel_launcher``), behind the Hub relay when the lab uses a Hub, inside bubblewrap.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

from .sandbox import SANDBOX_GID, SANDBOX_UID, Sandbox

#: The Hub relay's socket in the runtime folder.
HUB_SOCKET = "hub.sock"


class SandboxedKernelManager(AsyncKernelManager):
    """An AsyncKernelManager that launches its kernel through ``sandbox``; call :meth:`use` before starting."""

    sandbox: Sandbox | None = None
    hub_port: int | None = None

    def use(self, sandbox: Sandbox, hub_port: int | None) -> None:
        assert sandbox.runtime is not None
        self.sandbox, self.hub_port = sandbox, hub_port
        self.transport = "ipc"
        self.ip = str(sandbox.runtime / "kernel")
        self.connection_file = str(sandbox.runtime / "kernel.json")

    @property
    def kernel_spec(self) -> KernelSpec | None:
        spec = super().kernel_spec
        if spec is not None and spec.interrupt_mode != "message":
            fields = {k: v for k, v in spec.to_dict().items() if k != "interrupt_mode"}
            spec = KernelSpec(resource_dir=spec.resource_dir, interrupt_mode="message", **fields)
            self._kernel_spec = spec
        return spec

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        argv = super().format_kernel_cmd(extra_arguments)
        if self.sandbox is None:
            raise RuntimeError("SandboxedKernelManager.use(sandbox, hub_port) was not called")
        if argv and Path(argv[0]).name.startswith("python"):
            argv = [argv[0], "-P", *argv[1:]]
        if self.hub_port is not None:
            assert self.sandbox.runtime is not None
            socket = str(self.sandbox.runtime / HUB_SOCKET)
            argv = [sys.executable, "-P", "-m", "dcai_labs.grading.relay", str(self.hub_port), socket, "--", *argv]
        return self.sandbox.command(argv)

    def write_connection_file(self, **kwargs: Any) -> None:
        super().write_connection_file(**kwargs)
        if os.geteuid() == 0 and os.path.exists(self.connection_file):  # the kernel (nobody) must read its key
            os.chown(self.connection_file, SANDBOX_UID, SANDBOX_GID)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        assert self.sandbox is not None and self.sandbox.runtime is not None
        kw["cwd"] = str(self.sandbox.runtime)  # bubblewrap itself starts here; the kernel's folder is its own
        await super()._async_launch_kernel(kernel_cmd, **kw)
