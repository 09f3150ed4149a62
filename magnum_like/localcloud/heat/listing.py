"""Stack list filters, sorting and pagination; template versions."""

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import template as tmpl

_SORT_KEYS = {"created_at": "created", "creation_time": "created",
              "updated_at": "updated", "updated_time": "updated",
              "stack_name": "name", "name": "name",
              "stack_status": "status_text", "status": "status_text"}


def truthy(value):
    return str(value).strip().lower() in ("1", "t", "true", "on", "y",
                                          "yes")


def _values(params, key):
    return [v for v in params.getall(key) if v != ""]


def _global_index_allowed(engine):
    settings = getattr(engine.world, "settings", None) or {}
    return bool(settings.get("heat_allow_global_index", False))


def _candidates(engine, auth, params):
    ids = _values(params, "id")
    if ids:
        found = (engine.stacks.get(i) for i in ids)
        stacks = [s for s in found if s is not None]
        if not truthy(params.get("show_nested")):
            stacks = [s for s in stacks if s.parent is None]
    elif truthy(params.get("show_nested")):
        stacks = list(engine.stacks.values())
    else:
        stacks = list(engine.live_stacks())
    if not truthy(params.get("show_deleted")):
        stacks = [s for s in stacks if not s.deleted]
    if truthy(params.get("global_tenant")):
        # Heat's default policy: stacks:global_index is
        # rule:deny_everybody, admins included; a cloud whose operator
        # granted it sets heat_allow_global_index.
        if not (_global_index_allowed(engine) and auth.get("is_admin")):
            raise errors.Forbidden("You are not authorized to use "
                                   "global_index.")
        return stacks
    return [s for s in stacks if s.project_id == auth["project_id"]]


def _matches(stack, params):
    for key, attr in (("name", "name"), ("stack_name", "name"),
                      ("status", "status"), ("action", "action"),
                      ("stack_status", "status_text"),
                      ("tenant", "project_id"),
                      ("project_id", "project_id")):
        wanted = _values(params, key)
        if wanted:
            value = getattr(stack, attr)
            if value not in wanted and stack.status_text not in wanted:
                return False
    tags = params.get("tags")
    if tags:
        have = set(stack.request.get("tags") or [])
        if not set(tags.split(",")) <= have:
            return False
    return True


def list_stacks(engine, auth, params):
    stacks = [s for s in _candidates(engine, auth, params)
              if _matches(s, params)]
    keys = [k for k in _values(params, "sort_keys")
            for k in k.split(",")] or ["created_at"]
    reverse = params.get("sort_dir", "desc") == "desc"
    for key in reversed(keys):
        attr = _SORT_KEYS.get(key)
        if attr is None:
            raise errors.HTTPBadRequest("Sort key %s is not supported"
                                        % key)
        stacks.sort(key=lambda s, a=attr: (getattr(s, a) or "", s.seq),
                    reverse=reverse)
    marker = params.get("marker")
    if marker:
        index = next((i for i, s in enumerate(stacks) if s.id == marker),
                     None)
        if index is None:
            raise errors.EntityNotFound("Stack", marker)
        stacks = stacks[index + 1:]
    limit = params.get("limit")
    if limit not in (None, ""):
        try:
            stacks = stacks[:max(int(limit), 0)]
        except ValueError:
            raise errors.HTTPBadRequest("Only integer is acceptable by "
                                        "'limit'.") from None
    return stacks


def template_versions():
    out = []
    for version in tmpl.VERSIONS:
        aliases = [a for a, v in tmpl.ALIASES.items() if v == version]
        out.append({"version": "heat_template_version.%s" % version,
                    "type": "hot", "aliases": [
                        "heat_template_version.%s" % a for a in aliases]})
    return {"template_versions": out}
