"""The base of every API type: created_at/updated_at and dict helpers."""

import datetime

import wsme
from wsme import types as wtypes


class APIBase(wtypes.Base):
    created_at = wsme.wsattr(datetime.datetime, readonly=True)
    updated_at = wsme.wsattr(datetime.datetime, readonly=True)

    def as_dict(self):
        """The attributes that were set, as a plain dict."""
        return {k: getattr(self, k) for k in self.fields
                if hasattr(self, k) and getattr(self, k) != wsme.Unset}

    def unset_fields_except(self, except_list=None):
        """Unset every field not in `except_list` (summary views)."""
        except_list = set(except_list or [])
        for name in self.as_dict():
            if name not in except_list:
                setattr(self, name, wsme.Unset)

    def show(self, name, value):
        """Set attribute `name` to a stored `value` for a view, without
        the checks its type applies to input: a row in transition (a
        cluster whose masters are being deleted shows master_count 0) or
        written by an older release must still be shown, never turned
        into a 400 of the GET."""
        attr = getattr(type(self), name, None)
        if not isinstance(attr, wtypes.wsattr) or value is wsme.Unset:
            setattr(self, name, value)
            return
        setattr(attr._get_dataholder(self), attr.key, value)

    @classmethod
    def from_row(cls, row, fields):
        """A type filled from the named attributes of a DB row.

        The database stores naive UTC datetimes; the API shows them with
        their +00:00 offset, as Magnum does.
        """
        obj = cls()
        for name in fields:
            value = getattr(row, name)
            if isinstance(value, datetime.datetime) and \
                    value.tzinfo is None:
                value = value.replace(tzinfo=datetime.UTC)
            obj.show(name, value)
        return obj
