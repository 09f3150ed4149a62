"""Nova v2.1 over HTTP, mounted at ``/compute`` (API at ``/v2.1``).

Microversions: 2.1 to ``MAX_VERSION``, asked for with
``OpenStack-API-Version: compute X.Y`` or ``X-OpenStack-Nova-API-Version``
(``latest`` allowed), echoed in both headers on every response.
"""

import re

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.wsgi import base
from magnum_like.localcloud.wsgi.compute.attachments import AttachmentRoutes
from magnum_like.localcloud.wsgi.compute.resources import ResourceRoutes
from magnum_like.localcloud.wsgi.compute.servers import ServerRoutes
from magnum_like.localcloud.wsgi.compute.usage import UsageRoutes

MIN_VERSION = (2, 1)
MAX_VERSION = (2, 96)
VERSION_KEY = "localcloud.nova_microversion"
VERSION_HEADERS = "OpenStack-API-Version, X-OpenStack-Nova-API-Version"


def _text(version):
    return "%d.%d" % version


class ComputeApp(ResourceRoutes, ServerRoutes, AttachmentRoutes,
                 UsageRoutes, base.JsonApp):
    """Flavors, keypairs, servers, server groups, limits, zones, usage."""

    service = "compute"

    def setup_routes(self):
        self.add("GET", "/", self.versions, auth=False)
        self.add("GET", "/v2.1", self.version, auth=False)
        self._resource_routes()
        self._server_routes()
        self._attachment_routes()
        self._usage_routes()

    def _version_doc(self, req, current=True):
        return {"id": "v2.1", "status": "CURRENT" if current else
                "SUPPORTED", "version": _text(MAX_VERSION),
                "min_version": _text(MIN_VERSION),
                "updated": "2013-07-23T11:33:21Z",
                "links": [{"rel": "self",
                           "href": req.application_url + "/v2.1/"},
                          {"rel": "describedby", "type": "text/html",
                           "href": "http://docs.openstack.org/"}],
                "media-types": [{
                    "base": "application/json",
                    "type": "application/vnd.openstack.compute+json;"
                            "version=2.1"}]}

    def versions(self, req, ctx):
        legacy = {"id": "v2.0", "status": "SUPPORTED", "version": "",
                  "min_version": "", "updated": "2011-01-21T11:33:21Z",
                  "links": [{"rel": "self",
                             "href": req.application_url + "/v2/"}]}
        return 200, {"versions": [legacy, self._version_doc(req)]}

    def version(self, req, ctx):
        return 200, {"version": self._version_doc(req)}

    # -- microversions ---------------------------------------------------
    def before(self, req, ctx):
        req.environ[VERSION_KEY] = self._requested_version(req)
        return None

    def _requested_version(self, req):
        wanted = None
        header = req.headers.get("OpenStack-API-Version")
        if header:
            for part in header.split(","):
                service, _sep, value = part.strip().partition(" ")
                if service.lower() == "compute":
                    wanted = value.strip()
        if wanted is None:
            wanted = req.headers.get("X-OpenStack-Nova-API-Version")
        if not wanted:
            return MIN_VERSION
        if wanted.lower() == "latest":
            return MAX_VERSION
        found = re.match(r"^([1-9]\d*)\.([1-9]\d*|0)$", wanted)
        if not found:
            raise errors.BadRequest("API Version String %s is of invalid "
                                    "format. Must be of format "
                                    "MajorNum.MinorNum." % wanted)
        version = (int(found.group(1)), int(found.group(2)))
        if not MIN_VERSION <= version <= MAX_VERSION:
            raise base.HTTPError(
                406, "Version %s is not supported by the API. Minimum is "
                     "%s and maximum is %s." % (wanted, _text(MIN_VERSION),
                                                _text(MAX_VERSION)))
        return version

    def after(self, req, resp, request_id):
        resp.headers["X-Compute-Request-Id"] = request_id
        version = req.environ.get(VERSION_KEY)
        if version is None and req.path_info.startswith("/v2.1/"):
            version = MIN_VERSION
        if version is not None:
            resp.headers["OpenStack-API-Version"] = "compute " + _text(
                version)
            resp.headers["X-OpenStack-Nova-API-Version"] = _text(version)
            resp.headers["Vary"] = VERSION_HEADERS

    @staticmethod
    def mv(req):
        """The request's microversion as a (major, minor) tuple."""
        return req.environ.get(VERSION_KEY, MIN_VERSION)

    def link(self, req, path):
        return [{"rel": "self",
                 "href": "%s/v2.1/%s" % (req.application_url, path)},
                {"rel": "bookmark",
                 "href": "%s/%s" % (req.application_url, path)}]


def make_app(world):
    return ComputeApp(world)
