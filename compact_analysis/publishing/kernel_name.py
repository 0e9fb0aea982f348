"""Which Jupyter kernel runs the papers: the project's own kernelspec, when it runs this Python.

``make setup`` installs a kernelspec named ``compact-analysis`` into the environment
(``python -m ipykernel install --sys-prefix --name compact-analysis``); the notebooks' metadata names
it, so JupyterLab and a plain ``papermill`` run use the environment the package is installed in. A
batch must run the very Python that plans it, so it uses that kernelspec only when the spec starts
this interpreter, and otherwise ipykernel's built-in ``python3`` (an installed wheel with no
kernelspec, or a stale spec left by another environment).
"""

from __future__ import annotations

import os
import sys

#: The project's kernelspec, named in every notebook's metadata.
KERNEL_NAME = "compact-analysis"
#: ipykernel's own kernel for the running Python, used when the project's is missing or elsewhere.
FALLBACK_KERNEL = "python3"


def batch_kernel_name() -> str:
    """:data:`KERNEL_NAME` if its kernelspec starts ``sys.executable``, else :data:`FALLBACK_KERNEL`."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # deferred: only when a kernel starts

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        return FALLBACK_KERNEL
    same = bool(spec.argv) and os.path.abspath(spec.argv[0]) == os.path.abspath(sys.executable)
    return KERNEL_NAME if same else FALLBACK_KERNEL
