"""OS::Heat::ResourceGroup: ``count`` copies of a resource definition.

Members live in a nested stack and are named "0", "1", ...  Members
removed through ``removal_policies`` are never reused (Heat's
``removed_rsrc_list``); scaling down without a policy drops the highest
indices.  ``update_policy.rolling_update`` updates changed members in
batches of ``max_batch_size`` with ``pause_time`` between batches.
"""

import copy
import itertools

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import functions_data
from magnum_like.localcloud.heat import timing
from magnum_like.localcloud.heat.resources import base
from magnum_like.localcloud.heat.resources import nested

P = base.Prop
GROUP_VERSION = "2016-10-14"


def _substitute(value, index_var, index):
    if isinstance(value, str):
        return value.replace(index_var, index)
    if isinstance(value, dict):
        return {k: _substitute(v, index_var, index)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, index_var, index) for v in value]
    return value


def _sort_key(name):
    return (0, int(name), "") if name.isdigit() else (1, 0, name)


class ResourceGroup(base.Plugin):
    type_name = "OS::Heat::ResourceGroup"
    props = {
        "count": P("integer", default=1),
        "index_var": P("string", default="%index%"),
        "resource_def": P("map", required=True),
        "removal_policies": P("list", default=[]),
        "removal_policies_mode": P("string", default="append",
                                   allowed=["append", "update"]),
    }
    attrs = None
    timing = "config"

    def validate_more(self, name, snippet, vctx):
        rdef = snippet.get("resource_def")
        if not isinstance(rdef, dict):
            return
        for key in rdef:
            if key not in ("type", "properties", "metadata"):
                raise errors.StackValidationFailed(
                    "Unknown Property %s" % key, error="Property error",
                    path=["resources", name, "properties", "resource_def"])
        rtype = rdef.get("type")
        if not isinstance(rtype, str):
            return
        member = vctx.plugins.lookup(rtype, vctx, name)
        index_var = snippet.get("index_var")
        if not isinstance(index_var, str):
            index_var = "%index%"
        member.validate(name, _substitute(rdef.get("properties") or {},
                                          index_var, "0"),
                        _WithoutConstraints(vctx))

    # -- membership --------------------------------------------------
    def _names(self, res, props):
        removed = list(res.data.get("removed", []))
        if props.get("removal_policies_mode") == "update":
            removed = []
        members = self._members(res)
        by_ref = {m.plugin.refid(m): n for n, m in members.items()}
        for policy in props.get("removal_policies") or []:
            for item in (policy or {}).get("resource_list") or []:
                item = str(item)
                name = item if item in members else by_ref.get(item)
                if name is not None and name not in removed:
                    removed.append(name)
        res.data["removed"] = removed
        count = int(props.get("count", 1))
        if count < 0:
            raise errors.StackValidationFailed(
                "The value must be at least 0.", error="Property error",
                path=["resources", res.name, "properties", "count"])
        names = (str(i) for i in itertools.count() if str(i) not in removed)
        return list(itertools.islice(names, count))

    @staticmethod
    def _members(res):
        if res.nested is None:
            return {}
        return dict(res.nested.resources)

    def _member_defs(self, props, names):
        rdef = props.get("resource_def") or {}
        index_var = props.get("index_var") or "%index%"
        out = {}
        for name in names:
            body = {"type": rdef.get("type")}
            if rdef.get("properties"):
                body["properties"] = _substitute(
                    copy.deepcopy(rdef["properties"]), index_var, name)
            if rdef.get("metadata"):
                body["metadata"] = _substitute(
                    copy.deepcopy(rdef["metadata"]), index_var, name)
            out[name] = body
        return out

    @staticmethod
    def _doc(defs):
        return {"heat_template_version": GROUP_VERSION, "resources": defs}

    @staticmethod
    def _member_digest(res, props, engine):
        """Digest of the member's template (None for plain types)."""
        rtype = (props.get("resource_def") or {}).get("type")
        if not isinstance(rtype, str):
            return None
        plugin = engine.registry.lookup(rtype, res.stack.definition,
                                        res.name)
        return getattr(plugin, "digest", None)

    def needs_update(self, res, new_props, engine):
        return res.data.get("member_digest") != self._member_digest(
            res, new_props, engine)

    # -- actions -------------------------------------------------------
    def create(self, res, props, engine):
        res.data["member_digest"] = self._member_digest(res, props, engine)
        names = self._names(res, props)
        yield from nested.create_child(engine, res, self._doc(
            self._member_defs(props, names)), {})

    def update(self, res, old, new, engine):
        res.data["member_digest"] = self._member_digest(res, new, engine)
        names = self._names(res, new)
        new_defs = self._member_defs(new, names)
        child = res.nested
        old_defs = dict((child.request["template"].get("resources") or {})
                        if child is not None else {})
        rolling = (res.defn.update_policy or {}).get("rolling_update")
        changed = [n for n in names if n in old_defs and
                   old_defs[n] != new_defs[n]]
        if not rolling or not changed:
            yield from nested.update_child(engine, res, self._doc(new_defs),
                                           {})
            return True
        size = max(int(rolling.get("max_batch_size", 1) or 1), 1)
        pause = float(rolling.get("pause_time", 0) or 0) * \
            timing.pause_scale(engine.profile())
        done = set()
        for start in range(0, len(changed), size):
            done.update(changed[start:start + size])
            defs = {n: (new_defs[n] if n in done or n not in old_defs
                        else old_defs[n]) for n in names}
            yield from nested.update_child(engine, res, self._doc(defs), {})
            if pause and start + size < len(changed):
                yield pause
        return True

    def delete(self, res, engine):
        yield from nested.delete_child(engine, res)

    # -- attributes ------------------------------------------------------
    def _ordered(self, res):
        members = self._members(res)
        return [(n, members[n]) for n in sorted(members, key=_sort_key)]

    def get_attr(self, res, name, path, engine):
        members = self._ordered(res)
        if name == "refs":
            value = [m.plugin.refid(m) for _, m in members]
        elif name == "refs_map":
            value = {n: m.plugin.refid(m) for n, m in members}
        elif name == "removed_rsrc_list":
            value = list(res.data.get("removed", []))
        elif name == "attributes":
            if not path:
                raise errors.StackValidationFailed(
                    'Must specify an attribute name for "attributes"')
            return {n: m.plugin.get_attr(m, path[0], path[1:], engine)
                    for n, m in members}
        elif name.startswith("resource."):
            return self._member_attr(res, name, path, engine)
        else:
            return [m.plugin.get_attr(m, name, path, engine)
                    for _, m in members]
        return functions_data.select_path(value, path, "get_attr")

    def _member_attr(self, res, name, path, engine):
        parts = name.split(".", 2)
        member = self._members(res).get(parts[1])
        if member is None:
            raise errors.StackValidationFailed(
                "Member '%s' not found in group resource '%s'."
                % (parts[1], res.name))
        if len(parts) == 3:
            return member.plugin.get_attr(member, parts[2], path, engine)
        if path:
            return member.plugin.get_attr(member, path[0], path[1:],
                                          engine)
        return member.plugin.refid(member)

    def refid(self, res):
        return res.physical_id or res.name

    def all_attributes(self, res, engine):
        return {"refs": self.get_attr(res, "refs", [], engine),
                "refs_map": self.get_attr(res, "refs_map", [], engine),
                "removed_rsrc_list": list(res.data.get("removed", []))}


class _WithoutConstraints:
    """A validation context that skips custom constraints: real Heat's
    preview of a group checks its member's properties but not the cloud
    objects they name (a member's null volume type only fails when the
    member is created)."""

    def __init__(self, vctx):
        self._vctx = vctx

    def __getattr__(self, name):
        return getattr(self._vctx, name)

    @staticmethod
    def check_constraint(constraint, value):
        return None
