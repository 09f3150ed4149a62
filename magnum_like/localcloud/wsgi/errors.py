"""Error bodies in each emulated service's own shape."""

import html
import http.client
import json

from magnum_like.localcloud.world import errors

NOVA_NAMES = {400: "badRequest", 401: "unauthorized", 403: "forbidden",
              404: "itemNotFound", 405: "HTTPMethodNotAllowed",
              406: "HTTPNotAcceptable", 409: "conflictingRequest",
              413: "overLimit", 500: "computeFault", 501: "notImplemented",
              503: "serviceUnavailable"}


class HTTPError(errors.WorldError):
    """An HTTP-level error with any status code (405, 406, 501...)."""

    def __init__(self, code, message=None, neutron_type=None):
        self.code = code
        self.title = http.client.responses.get(code, "Error")
        super().__init__(message or self.title, neutron_type)


def title_of(code):
    return http.client.responses.get(code, "Error")


def error_body(service, code, message, type_name=None):
    """The JSON body ``service`` answers an error with."""
    title = title_of(code)
    if service == "identity":
        return {"error": {"code": code, "title": title, "message": message}}
    if service == "compute":
        name = NOVA_NAMES.get(code, "computeFault")
        return {name: {"code": code, "message": message}}
    if service == "network":
        return {"NeutronError": {"type": type_name or title.replace(" ", ""),
                                 "message": message, "detail": ""}}
    if service == "load-balancer":
        return {"faultcode": "Client" if code < 500 else "Server",
                "faultstring": message, "debuginfo": None}
    if service == "key-manager":
        if code == 401:
            # keystonemiddleware answers before Barbican sees the request
            return {"error": {"code": code, "title": title,
                              "message": message}}
        return {"code": code, "title": title, "description": message}
    if service == "orchestration":
        return {"code": code, "title": title, "explanation": message,
                "error": {"type": type_name or title.replace(" ", ""),
                          "message": message, "traceback": None}}
    # Glance and the admin API: webob's JSON error shape.
    return {"code": "%d %s" % (code, title), "title": title,
            "message": message}


def render_error(service, code, message, accept="", type_name=None):
    """(content type, body bytes) of an error answer.

    Glance answers with webob's HTML error page unless the client only
    accepts JSON (glanceclient parses the HTML); the others with JSON.
    """
    if service == "image" and ("html" in accept or "*/*" in accept
                               or "json" not in accept):
        title = "%d %s" % (code, title_of(code))
        page = ("<html>\n <head>\n  <title>%s</title>\n </head>\n "
                "<body>\n  <h1>%s</h1>\n  %s<br /><br />\n\n\n\n "
                "</body>\n</html>" % (title, title, html.escape(message)))
        return "text/html; charset=UTF-8", page.encode()
    body = error_body(service, code, message, type_name)
    return "application/json", json.dumps(body).encode()
