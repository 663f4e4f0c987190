"""One native thread (BLAS, OpenMP) for the course's small models: faster on 2 cores, the same result everywhere.

Why not ``threadpoolctl.threadpool_limits(1)`` around every fit: it looks up the loaded native libraries again
on each call (about 4 ms), and Lab 03 fits some 700 small models, which made 3 s of its run. A
``ThreadpoolController`` looks them up once; its ``limit`` then costs about 0.04 ms.

The controller is made at the first call, after numpy, scipy and scikit-learn are imported (their libraries are
the ones these limits are for); a native library first loaded later is not limited by it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cache

from threadpoolctl import ThreadpoolController


@cache
def _controller() -> ThreadpoolController:
    return ThreadpoolController()


def one_thread() -> AbstractContextManager:
    """A context manager inside which the native thread pools run on one thread; restored on exit."""
    return _controller().limit(limits=1)


__all__ = ["one_thread"]
