"""The process's database engine and transactions (oslo.db enginefacade).
"""

import os
import threading

from oslo_db.sqlalchemy import enginefacade
from sqlalchemy.engine import url as sa_url

from magnum_like.conf import CONF

_LOCK = threading.Lock()
_STATE = {"facade": None}


class _Ctx:
    """enginefacade keeps per-transaction state on the object it is given;
    a fresh one per transaction keeps threads independent."""


def _make_sqlite_folder(url):
    """SQLite creates its file but not the folder it lives in (the
    default database is under state_path, which may not exist yet)."""
    try:
        parsed = sa_url.make_url(url)
    except Exception:  # oslo.db reports a bad URL when it connects
        return
    if parsed.get_backend_name() == "sqlite" and parsed.database and \
            parsed.database != ":memory:":
        folder = os.path.dirname(os.path.abspath(parsed.database))
        os.makedirs(folder, exist_ok=True)


def _facade():
    with _LOCK:
        if _STATE["facade"] is None:
            _make_sqlite_folder(CONF.database.connection)
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
