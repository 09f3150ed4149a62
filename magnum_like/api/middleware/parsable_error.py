"""Rewrite every error response of the app into Magnum's `errors` body.

{"errors": [{"request_id": "", "code": "client"|"server"|"", "status": N,
             "title": ..., "detail": ..., "links": []}]}
Bodies that already hold an `errors` list are passed through.
"""

import http.client
import json
import re

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


# The end of a sentence: a period followed by whitespace or the end of
# the text (a period inside a name, "m1.small", ends nothing).
_SENTENCE_END = re.compile(r"\.(?:\s|$)")


def _title(text):
    """The first sentence of the fault, without its period: the whole
    name of the thing it is about ("Unable to find flavor m1.smal"),
    since clients (magnumclient, hence `openstack coe`) print only the
    title."""
    if not text:
        return text
    return _SENTENCE_END.split(text, 1)[0].rstrip()


def _entry_from_body(status, body):
    detail = ""
    code = ""
    try:
        fault = json.loads(body)
    except (ValueError, TypeError, UnicodeDecodeError):
        fault = None
    if isinstance(fault, dict) and "errors" in fault:
        return None
    if isinstance(fault, dict) and "faultstring" in fault:
        detail = fault.get("faultstring") or ""
        code = (fault.get("faultcode") or "").lower()
        # Remote RPC exceptions carry the remote traceback after a
        # newline; users never see it.
        detail = detail.split("\nTraceback", 1)[0].rstrip()
    elif body:
        detail = _plain_text(body, status)
    if not code:
        code = "client" if status < 500 else "server"
    if status == 500:
        # An unexpected failure: its text may hold internals (SQL, paths,
        # hosts). The traceback is in the log under the request id.
        detail = ("The server has either erred or is incapable of "
                  "performing the requested operation.")
    return {"request_id": "", "code": code, "status": status,
            "title": _title(detail), "detail": detail, "links": []}


def _plain_text(body, status):
    """The readable part of a webob error page, without its status line.
    """
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    text = body
    if "<body>" in text:
        text = text.split("<body>", 1)[1].split("</body>", 1)[0]
        for tag in ("<h1>", "</h1>", "<br />", "<p>", "</p>"):
            text = text.replace(tag, " ")
    text = " ".join(text.split())
    status_line = "%d %s" % (status, http.client.responses.get(status, ""))
    if text.startswith(status_line):
        text = text[len(status_line):].strip() or status_line
    return text


class ParsableErrorMiddleware:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        state = {}

        def replacement_start_response(status, headers, exc_info=None):
            try:
                status_code = int(status.split(" ")[0])
            except (ValueError, TypeError):
                raise Exception("ParsableErrorMiddleware received an "
                                "invalid status %s" % status)
            state["status_code"] = status_code
            state["status"] = status
            state["headers"] = headers
            state["exc_info"] = exc_info
            if status_code >= 400:
                return lambda data: None
            return start_response(status, headers, exc_info)

        app_iter = self.app(environ, replacement_start_response)
        if state.get("status_code", 200) < 400:
            return app_iter
        try:
            body = b"".join(app_iter)
        finally:
            if hasattr(app_iter, "close"):
                app_iter.close()
        entry = _entry_from_body(state["status_code"], body)
        if entry is not None:
            body = json.dumps({"errors": [entry]}).encode("utf-8")
        headers = [(k, v) for k, v in state["headers"]
                   if k.lower() not in ("content-type", "content-length")]
        headers.append(("Content-Type", "application/json"))
        headers.append(("Content-Length", str(len(body))))
        start_response(state["status"], headers)
        return [body]
