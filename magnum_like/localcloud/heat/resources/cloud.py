"""Base for resources backed by an object in the local cloud's world.

A subclass sets ``kind`` (the world object it creates) and implements
``make`` (create it, return its dict), ``fetch`` (read it back, None once
gone) and ``remove``.  Attributes are read from the live object, so
``get_attr`` sees addresses and statuses as they are now.
"""

import uuid

from magnum_like.localcloud.heat.resources import base


def not_found(exc):
    return getattr(exc, "code", None) == 404


class CloudPlugin(base.Plugin):
    timing = "network"
    attr_map = {}     # attribute name -> key of the object's dict

    @staticmethod
    def project(res):
        return res.stack.project_id

    @staticmethod
    def user(res):
        return res.stack.owner.get("user_id")

    @staticmethod
    def physical_name(res):
        """Heat's default name: <stack>-<resource>-<random>."""
        return "%s-%s-%s" % (res.stack.name[:32], res.name[:16],
                             uuid.uuid4().hex[:12])

    def make(self, world, res, props):
        raise NotImplementedError

    def fetch(self, world, res):
        raise NotImplementedError

    def remove(self, world, res):
        raise NotImplementedError

    def change(self, world, res, old, new):
        """Apply an in-place update (updatable properties only)."""

    def create(self, res, props, engine):
        record = self.make(engine.world, res, props)
        res.physical_id = record["id"]
        yield engine.delay(self.timing, "CREATE", res.uuid)
        self.after_create(engine.world, res)

    def after_create(self, world, res):
        """Hook run once the simulated build time has passed."""

    def update(self, res, old, new, engine):
        if any(old.get(k) != new.get(k) for k, p in self.props.items()
               if not p.update_allowed):
            return False
        self.change(engine.world, res, old, new)
        yield engine.delay(self.timing, "UPDATE", res.uuid)
        return True

    def delete(self, res, engine):
        if res.physical_id:
            try:
                self.remove(engine.world, res)
            except Exception as exc:  # noqa: BLE001 - gone is fine
                if not not_found(exc):
                    raise
        yield engine.delay(self.timing, "DELETE", res.uuid)

    def record(self, world, res):
        if not res.physical_id:
            return None
        try:
            return self.fetch(world, res)
        except Exception as exc:  # noqa: BLE001 - gone reads as None
            if not_found(exc):
                return None
            raise

    def attribute(self, res, name, engine):
        rec = self.record(engine.world, res)
        if rec is None:
            return None
        return self.attr_value(engine.world, res, rec, name)

    def attr_value(self, world, res, rec, name):
        return rec.get(self.attr_map.get(name, name))

    def all_attributes(self, res, engine):
        rec = self.record(engine.world, res)
        if rec is None:
            return {}
        out = {n: self.attr_value(engine.world, res, rec, n)
               for n in self.attrs or ()}
        out["show"] = rec
        return out

    def get_attr(self, res, name, path, engine):
        if name == "show":
            value = self.record(engine.world, res)
            return base.functions_data.select_path(value, path, "get_attr")
        return super().get_attr(res, name, path, engine)
