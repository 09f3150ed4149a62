"""Heat API JSON shapes for stacks, resources, events and validation."""

from magnum_like.localcloud.heat import dependencies
from magnum_like.localcloud.heat import resolver

_CFN_TYPES = {"string": "String", "number": "Number", "json": "Json",
              "comma_delimited_list": "CommaDelimitedList",
              "boolean": "Boolean"}


def stack_url(base, stack):
    return "%s/v1/%s/stacks/%s/%s" % (base, stack.project_id, stack.name,
                                      stack.id)


def links(base, stack):
    return [{"href": stack_url(base, stack), "rel": "self"}]


def stack_summary(base, stack, with_project=False):
    out = {
        "id": stack.id, "stack_name": stack.name,
        "description": stack.definition.template.description,
        "creation_time": stack.created, "updated_time": stack.updated,
        "deletion_time": stack.deleted,
        "stack_status": stack.status_text,
        "stack_status_reason": stack.reason,
        "stack_owner": stack.owner.get("user_name"),
        "stack_user_project_id": stack.project_id,
        "parent": stack.parent.id if stack.parent else None,
        "tags": stack.request.get("tags"),
        "links": links(base, stack),
    }
    if with_project:
        out["project"] = stack.project_id
    return out


def stack_detail(engine, base, stack, resolve_outputs=True):
    out = stack_summary(base, stack)
    out.update({
        "parameters": stack.definition.params.shown(),
        "template_description": stack.definition.template.description,
        "timeout_mins": stack.timeout_mins,
        "disable_rollback": stack.disable_rollback,
        "capabilities": [], "notification_topics": [],
    })
    if resolve_outputs:
        out["outputs"] = resolver.outputs(engine, stack)
    return out


def preview(base, stack):
    out = stack_detail(None, base, stack, resolve_outputs=False)
    out["resources"] = [{
        "resource_name": name, "resource_type": rdef.type,
        "resource_identity": {"stack_name": stack.name,
                              "stack_id": stack.id, "tenant": stack.
                              project_id, "path": "/resources/%s" % name},
        "properties": rdef.props, "required_by": [],
        "description": rdef.description, "metadata": rdef.metadata,
    } for name, rdef in stack.definition.resources.items()]
    return out


def resource(base, stack, res, detail=False, engine=None):
    stack_href = stack_url(base, stack)
    required = dependencies.required_by(stack.definition.deps).get(
        res.name, set())
    out = {
        "resource_name": res.name, "logical_resource_id": res.name,
        "physical_resource_id": res.physical_id or "",
        "resource_type": res.type,
        "resource_status": res.status_text,
        "resource_status_reason": res.reason,
        "creation_time": res.created,
        "updated_time": res.updated or res.created,
        "required_by": sorted(required),
        "links": [{"href": "%s/resources/%s" % (stack_href, res.name),
                   "rel": "self"},
                  {"href": stack_href, "rel": "stack"}],
    }
    if res.nested is not None:
        out["links"].append({"href": stack_url(base, res.nested),
                             "rel": "nested"})
    if stack.parent is not None:
        out["parent_resource"] = stack.parent_resource
    if detail:
        out["description"] = res.defn.description
        out["metadata"] = res.defn.metadata
        try:
            out["attributes"] = res.plugin.all_attributes(res, engine)
        except Exception:  # noqa: BLE001 - attributes are best effort
            out["attributes"] = {}
    return out


def event(base, stack, ev):
    stack_href = stack_url(base, stack)
    res_href = "%s/resources/%s" % (stack_href, ev.resource_name)
    return {
        "id": ev.id, "resource_name": ev.resource_name,
        "logical_resource_id": ev.resource_name,
        "physical_resource_id": ev.physical_id,
        "resource_status": ev.status,
        "resource_status_reason": ev.reason,
        "event_time": ev.time,
        "links": [{"href": "%s/events/%s" % (res_href, ev.id),
                   "rel": "self"},
                  {"href": res_href, "rel": "resource"},
                  {"href": stack_href, "rel": "stack"}],
    }


def validation(definition):
    params = {}
    for name, param in definition.params.params.items():
        schema = param.schema
        item = {"Type": _CFN_TYPES[param.type],
                "Description": schema.get("description", ""),
                "Label": schema.get("label", name),
                "NoEcho": "true" if param.hidden else "false"}
        if "default" in schema:
            item["Default"] = schema["default"]
        if param.has_value:
            item["Value"] = param.value
        for constraint in param.constraints:
            if "allowed_values" in constraint:
                item["AllowedValues"] = constraint["allowed_values"]
        params[name] = item
    out = {"Description": definition.template.description,
           "Parameters": params,
           "Environment": definition.env.to_dict()}
    groups = definition.template.t.get("parameter_groups")
    if groups:
        out["ParameterGroups"] = groups
    return out
