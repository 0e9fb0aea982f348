"""A Jupyter kernel client that is ready as soon as the kernel answers.

jupyter_client's ``wait_for_ready`` ends by waiting for 0.2 s of silence on
the kernel's broadcast (IOPub) channel. A batch worker connects to its kept-alive
kernel for every notebook, so that wait cost about 0.4 s of a scorecard's 1.9 s
(measured here; README, "Batches" under design notes). nbclient ignores broadcast messages
sent for other requests, so nothing needs draining: this client returns once the
kernel has replied and the broadcast channel is seen to be connected.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from queue import Empty

from jupyter_client import KernelManager
from jupyter_client.blocking.client import BlockingKernelClient

from compact_analysis.publishing.kernel_name import batch_kernel_name

IOPUB_CONNECT_SECONDS = 0.2  # how long to wait for the broadcast that proves IOPub is connected


class PromptKernelClient(BlockingKernelClient):
    """A blocking client whose readiness check skips the trailing quiet-period wait.

    ``process_alive``, when set (by :class:`BatchKernelManager`), asks the kernel's process itself whether
    it is running. The client's own ``is_alive`` asks the heartbeat channel, which on a loaded machine
    (seen here at a load average of 16 on 2 cores) can miss a beat while a kernel is still starting, and a
    live kernel was then reported dead.
    """

    process_alive: Callable[[], bool] | None = None

    def _kernel_alive(self) -> bool:
        return self.process_alive() if self.process_alive is not None else self.is_alive()

    def wait_for_ready(self, timeout: float | None = None) -> None:
        seconds = 60.0 if timeout is None else timeout
        deadline = time.monotonic() + seconds
        while True:
            self.kernel_info()
            try:
                reply = self.get_shell_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:  # the kernel broadcasts "busy" for our request: proof that IOPub is connected
                    self.get_iopub_msg(timeout=IOPUB_CONNECT_SECONDS)
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    return
            if not self._kernel_alive():
                raise RuntimeError("the kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the kernel did not reply within {seconds:.0f} seconds")


class BatchKernelManager(KernelManager):
    """A kernel manager for a batch worker: prompt clients on one shared ZeroMQ context, closed after each notebook.

    papermill leaves its client connected when it was handed a kernel manager
    (nbclient closes clients only of kernels it started itself), and every
    ``km.client()`` would otherwise create a ZeroMQ context with an I/O thread
    of its own: a worker rendering a hundred notebooks held a hundred of each.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("client_class", f"{__name__}.PromptKernelClient")
        super().__init__(**kwargs)
        self._handed_out: list[BlockingKernelClient] = []

    def client(self, **kwargs) -> BlockingKernelClient:
        kwargs.setdefault("context", self.context)
        client = super().client(**kwargs)
        client.process_alive = self.is_alive
        self._handed_out.append(client)
        return client

    def close_clients(self) -> None:
        """Disconnect every client handed out so far (the caller's own connections are separate)."""
        for client in self._handed_out:
            client.stop_channels()
        self._handed_out.clear()


def ipc_kernel_manager(sockets_dir: str) -> BatchKernelManager:
    """A manager for this Python's kernel (:func:`batch_kernel_name`) over IPC sockets in ``sockets_dir``.

    No TCP port is opened (so the kernel prints no warning about unencrypted TCP), and the socket path is
    absolute because the kernel runs in the notebooks folder.
    """
    return BatchKernelManager(kernel_name=batch_kernel_name(), transport="ipc", ip=os.path.join(sockets_dir, "k"))
