import json

import webob

from magnum_like.api.middleware import parsable_error
from tests import base


def _app(status, body, content_type="application/json"):
    def app(environ, start_response):
        start_response(status, [("Content-Type", content_type)])
        return [body]
    return parsable_error.ParsableErrorMiddleware(app)


def _call(app):
    return webob.Request.blank("/").get_response(app)


class TestParsableError(base.TestCase):
    def test_wsme_fault_becomes_errors_body(self):
        fault = json.dumps({"faultcode": "Client",
                            "faultstring": "Bad thing. More words",
                            "debuginfo": None}).encode()
        resp = _call(_app("400 Bad Request", fault))
        self.assertEqual(400, resp.status_int)
        self.assertEqual({"errors": [{
            "request_id": "", "code": "client", "status": 400,
            "title": "Bad thing", "detail": "Bad thing. More words",
            "links": []}]}, resp.json)

    def test_title_is_the_first_whole_sentence(self):
        for detail, title in (
                ("Unable to find flavor m1.smal.",
                 "Unable to find flavor m1.smal"),
                ("Cluster template k8s.v1.30 could not be found. Try "
                 "another.", "Cluster template k8s.v1.30 could not be "
                 "found"),
                ("Invalid input for field/attribute flavor. Value: "
                 "'x.y'.", "Invalid input for field/attribute flavor"),
                ("No period at the end", "No period at the end")):
            fault = json.dumps({"faultcode": "Client",
                                "faultstring": detail}).encode()
            error = _call(_app("400 Bad Request", fault)).json["errors"][0]
            self.assertEqual(title, error["title"])
            self.assertEqual(detail, error["detail"])

    def test_remote_traceback_is_cut(self):
        fault = json.dumps({"faultcode": "Server", "faultstring":
                            "Boom\nTraceback (most recent call last):\n"
                            "  File x"}).encode()
        resp = _call(_app("503 Service Unavailable", fault))
        error = resp.json["errors"][0]
        self.assertEqual("Boom", error["detail"])
        self.assertEqual("server", error["code"])

    def test_html_page_is_reduced_to_text(self):
        page = (b"<html><head><title>404 Not Found</title></head><body>"
                b"<h1>404 Not Found</h1>The resource could not be found."
                b"<br /><br /></body></html>")
        resp = _call(_app("404 Not Found", page, "text/html"))
        error = resp.json["errors"][0]
        self.assertEqual("The resource could not be found.",
                         error["detail"])
        self.assertEqual("application/json", resp.content_type)

    def test_errors_body_passes_through(self):
        body = json.dumps({"errors": [{"code": "x"}]}).encode()
        resp = _call(_app("406 Not Acceptable", body))
        self.assertEqual({"errors": [{"code": "x"}]}, resp.json)

    def test_success_is_untouched(self):
        resp = _call(_app("200 OK", b'{"a": 1}'))
        self.assertEqual({"a": 1}, resp.json)

    def test_unexpected_500_hides_internals(self):
        fault = json.dumps({"faultcode": "Server", "faultstring":
                            "(pymysql.err.OperationalError) secret sql"
                            }).encode()
        resp = _call(_app("500 Internal Server Error", fault))
        error = resp.json["errors"][0]
        self.assertNotIn("sql", error["detail"])
        self.assertEqual(500, error["status"])
