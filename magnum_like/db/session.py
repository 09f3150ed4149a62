"""The process's database engine and transactions (oslo.db enginefacade).
"""

import threading

from oslo_db.sqlalchemy import enginefacade

from magnum_like.conf import CONF

_LOCK = threading.Lock()
_STATE = {"facade": None}


class _Ctx:
    """enginefacade keeps per-transaction state on the object it is given;
    a fresh one per transaction keeps threads independent."""


def _facade():
    with _LOCK:
        if _STATE["facade"] is None:
            facade = enginefacade.transaction_context()
            facade.configure(sqlite_fk=True,
                             connection=CONF.database.connection)
            _STATE["facade"] = facade
        return _STATE["facade"]


def reader():
    """A context manager yielding a read-only session."""
    return _facade().reader.using(_Ctx())


def writer():
    """A context manager yielding a session committed on exit."""
    return _facade().writer.using(_Ctx())


def get_engine():
    return _facade().writer.get_engine()


def reset():
    """Forget the engine (tests, or after [database] changes)."""
    with _LOCK:
        facade = _STATE["facade"]
        _STATE["facade"] = None
    if facade is not None:
        try:
            facade.dispose_pool()
        except AttributeError:
            pass
