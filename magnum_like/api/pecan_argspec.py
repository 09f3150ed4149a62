"""A cached replacement for pecan's argspec helper.

pecan (1.5-1.8) builds a new `namedtuple` class -- an `eval` -- every time
it inspects a controller's signature, about ten times per request; that
was a third of the CPU time of `GET /v1`. Signatures of controller
functions never change, so they are computed once.
"""

import collections
import functools
import inspect

from pecan import util as pecan_util

ArgSpec = collections.namedtuple("ArgSpec", "args varargs keywords defaults")


def _compute(func):
    args, varargs, keywords, defaults = inspect.getfullargspec(func)[:4]
    return ArgSpec(args=args, varargs=varargs, keywords=keywords,
                   defaults=defaults)


@functools.lru_cache(maxsize=4096)
def _cached(func):
    return _compute(func)


def getargspec(func):
    try:
        return _cached(func)
    except TypeError:  # an unhashable callable
        return _compute(func)


def install():
    """Make pecan use the cached helper (idempotent)."""
    pecan_util._getargspec = getargspec
