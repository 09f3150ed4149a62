"""Helpers of the controllers: pagination input, JSON patch, idents."""

import copy

import jsonpatch
from oslo_config import cfg
import pecan
import wsme
from wsme import types as wtypes
from wsme.rest import json as wsme_json

from magnum_like.api import versions
from magnum_like.api.controllers import types
from magnum_like.common import exceptions

CONF = cfg.CONF


def validate_limit(limit):
    if limit is not None and limit <= 0:
        raise wsme.exc.ClientSideError("Limit must be positive")
    if limit is None:
        return CONF.api.max_limit
    return min(CONF.api.max_limit, limit)


def validate_sort_dir(sort_dir):
    sort_dir = sort_dir or "asc"
    if sort_dir not in ("asc", "desc"):
        raise wsme.exc.ClientSideError(
            "Invalid sort direction: %s. Acceptable values are "
            "'asc' or 'desc'" % sort_dir)
    return sort_dir


def apply_jsonpatch(doc, patch):
    """Apply `patch` (a list of dicts) to `doc`, Magnum's way: `add` on an
    existing non-null top-level attribute must be a `replace`."""
    for op in patch:
        path = op["path"]
        if op["op"] == "add" and path.count("/") == 1:
            attr = path.lstrip("/")
            if attr not in doc:
                raise exceptions.PatchError(
                    patch=patch, reason="Adding a new attribute (%s) to "
                                        "the root of the resource is not "
                                        "allowed." % path)
            if doc[attr] is not None:
                raise exceptions.PatchError(
                    patch=patch, reason="The attribute %s has existed, "
                                        "please use 'replace' operation "
                                        "instead." % path)
    try:
        return jsonpatch.apply_patch(doc, patch)
    except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException,
            KeyError, IndexError, TypeError) as e:
        raise exceptions.PatchError(patch=patch, reason=e)


def patch_ops(patch, literal_paths=None):
    """JsonPatchType objects as the dicts jsonpatch applies. Values of
    `literal_paths` ({path: dict or list}) may be the Python-literal
    strings the client sends for dicts and lists."""
    ops = []
    for op in patch:
        entry = {"op": op.op, "path": op.path}
        if op.value is not wsme.Unset:
            entry["value"] = op.value
            expected = (literal_paths or {}).get(op.path)
            if expected and op.op != "remove":
                entry["value"] = types.parse_literal(op.value, expected)
        ops.append(entry)
    return ops


def patched(api_type, doc, patch, fields, literal_paths=None):
    """{field: value} of `doc` after `patch`, type-checked by building
    `api_type` from it as a request body would be; None for unset."""
    ops = patch_ops(patch, literal_paths)
    new_doc = apply_jsonpatch(copy.deepcopy(doc), ops)
    unknown = set(new_doc) - set(fields)
    if unknown:
        raise exceptions.PatchError(
            patch=ops,
            reason="unknown attribute(s) %s" % ", ".join(sorted(unknown)))
    try:
        obj = api_type(**new_doc)
    except (ValueError, TypeError) as e:
        raise exceptions.Invalid(str(e))
    new = {}
    for field in fields:
        value = getattr(obj, field)
        new[field] = None if value is wsme.Unset else value
    return new


def request_version():
    """The microversion negotiated for the current request."""
    return getattr(pecan.request, "version", versions.MIN_VERSION)


def require_version(minimum, maximum=None):
    """406 unless the request's version is within [minimum, maximum]."""
    version = request_version()
    if version < minimum or (maximum is not None and version > maximum):
        raise exceptions.NotAcceptable(
            "The requested version %s does not support this call; it "
            "needs %s or later." % (versions.to_string(version),
                                    versions.to_string(minimum)))


def _check_shape(datatype, value, argname):
    if isinstance(datatype, list):
        if not isinstance(value, list):
            raise wsme.exc.InvalidInput(argname, value,
                                        "Value not a valid list.")
        for item in value:
            _check_shape(datatype[0], item, argname)
    elif wtypes.iscomplex(datatype) and not isinstance(value, dict):
        raise wsme.exc.InvalidInput(argname, value,
                                    "Value not a valid object.")


def parse_body(datatype, value, argname):
    """Convert a JSON request body to `datatype` as WSME does, with the
    checks WSME lacks: a missing body and a non-object where an object
    belongs are 400s (WSME raises AttributeError there, a 500).

    Controllers take such bodies as `types.jsontype` and call this.
    """
    if value is None:
        raise wsme.exc.ClientSideError(
            "Missing argument: \"%s\"" % argname)
    _check_shape(datatype, value, argname)
    if isinstance(datatype, list):
        datatype = wtypes.ArrayType(datatype[0])
    try:
        result = wsme_json.fromjson(datatype, value)
    except (ValueError, TypeError) as e:
        # TypeError: WSME converts numbers with int()/float(), which a
        # list or an object given for a number makes raise.
        raise wsme.exc.InvalidInput(argname, value, e.args[0])
    except wsme.exc.UnknownAttribute as e:
        e.add_fieldname(argname)
        raise
    if wtypes.iscomplex(datatype):
        _check_mandatory(datatype, result)
    return result


def _check_mandatory(datatype, obj):
    """WSME takes a JSON null for a mandatory attribute as given."""
    for attrdef in wtypes.list_attributes(datatype):
        if attrdef.mandatory and getattr(obj, attrdef.key) is None:
            raise wsme.exc.InvalidInput(attrdef.name, None,
                                        "Mandatory field missing.")
