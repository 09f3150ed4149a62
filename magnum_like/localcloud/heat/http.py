"""JSON request and response helpers of the Heat API."""

import json

import webob

from magnum_like.localcloud.heat import errors


def response(status, body=None, headers=None):
    resp = webob.Response(status=status, headers=headers or {})
    if body is not None:
        resp.content_type = "application/json"
        resp.charset = None
        resp.body = json.dumps(body).encode("utf-8")
    else:
        resp.body = b""
    return resp


def body(req):
    if not req.body:
        return {}
    try:
        data = json.loads(req.body)
    except ValueError as exc:
        raise errors.HTTPBadRequest("The request body is not valid JSON: "
                                    "%s" % exc) from None
    if not isinstance(data, dict):
        raise errors.HTTPBadRequest("The request body must be a JSON "
                                    "object")
    return data
