"""The batch kernel client's readiness check: a slow kernel whose heartbeat misses a beat is not called dead."""

from queue import Empty

import pytest

from compact_analysis.publishing.kernel_client import PromptKernelClient


class SlowKernel(PromptKernelClient):
    """Replies to kernel_info only on the third request; its heartbeat never beats (a loaded machine)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.requests = 0
        self.handled = False

    def kernel_info(self):
        self.requests += 1

    def get_shell_msg(self, timeout=None):
        if self.requests < 3:
            raise Empty
        return {"msg_type": "kernel_info_reply", "content": {}}

    def get_iopub_msg(self, timeout=None):
        return {"msg_type": "status"}

    def is_alive(self):
        return False  # the heartbeat channel's answer

    def _handle_kernel_info_reply(self, msg):
        self.handled = True


def test_a_live_process_with_a_silent_heartbeat_is_waited_for():
    client = SlowKernel()
    client.process_alive = lambda: True
    client.wait_for_ready(timeout=30)
    assert client.requests == 3 and client.handled


def test_without_a_process_check_the_heartbeat_decides():
    client = SlowKernel()
    with pytest.raises(RuntimeError, match="died before replying"):
        client.wait_for_ready(timeout=30)
    assert client.requests == 1


def test_a_dead_process_is_reported_at_once():
    client = SlowKernel()
    client.process_alive = lambda: False
    with pytest.raises(RuntimeError, match="died before replying"):
        client.wait_for_ready(timeout=30)
