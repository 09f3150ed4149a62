"""The v1 API: its document, microversion negotiation, sub-resources."""

import json

import pecan
from pecan import rest
from webob import exc as webob_exc
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api import versions
from magnum_like.api.controllers import base
from magnum_like.api.controllers import link
from magnum_like.api.controllers.v1 import certificates
from magnum_like.api.controllers.v1 import cluster_templates
from magnum_like.api.controllers.v1 import clusters
from magnum_like.api.controllers.v1 import credentials
from magnum_like.api.controllers.v1 import magnum_services
from magnum_like.api.controllers.v1 import quotas
from magnum_like.api.controllers.v1 import stats

_RESOURCES = ("clustertemplates", "clusters", "quotas", "certificates",
              "mservices", "stats", "federations", "credentials")


class MediaType(base.APIBase):
    base = wtypes.text
    type = wtypes.text


class V1(base.APIBase):
    id = wtypes.text
    media_types = [MediaType]
    links = [link.Link]
    clustertemplates = [link.Link]
    clusters = [link.Link]
    quotas = [link.Link]
    certificates = [link.Link]
    mservices = [link.Link]
    stats = [link.Link]
    federations = [link.Link]
    credentials = [link.Link]
    nodegroups = [link.Link]

    @staticmethod
    def convert():
        url = pecan.request.application_url
        doc = V1(id="v1")
        doc.links = [
            link.Link.make_link("self", url, "v1", "", bookmark=True),
            link.Link.make_link(
                "describedby", "http://docs.openstack.org",
                "developer/magnum/dev", "api-spec-v1.html",
                bookmark=True, type="text/html")]
        doc.media_types = [MediaType(
            base="application/json",
            type="application/vnd.openstack.magnum.v1+json")]
        for resource in _RESOURCES:
            setattr(doc, resource, [
                link.Link.make_link("self", url, resource, ""),
                link.Link.make_link("bookmark", url, resource, "",
                                    bookmark=True)])
        ng = "clusters/{cluster_id}/nodegroups"
        doc.nodegroups = [
            link.Link(href="%s/v1/%s" % (url, ng), rel="self"),
            link.Link(href="%s/%s" % (url, ng), rel="bookmark")]
        return doc


def _not_acceptable(message, unsupported):
    """A 406 whose body is already in Magnum's `errors` format."""
    entry = {"request_id": "", "code": "client", "status": 406,
             "title": message.split(".", 1)[0], "detail": message,
             "links": []}
    if unsupported:
        entry.update({
            "code": "magnum.microversion-unsupported",
            "title": "Requested microversion is unsupported",
            "max_version": versions.to_string(versions.MAX_VERSION),
            "min_version": versions.to_string(versions.MIN_VERSION),
            "links": [{"rel": "help", "href":
                       "https://docs.openstack.org/api-guide/compute/"
                       "microversions.html"}]})
    body = json.dumps({"errors": [entry]}).encode("utf-8")
    return webob_exc.HTTPNotAcceptable(
        body=body, content_type="application/json", charset="UTF-8",
        headers=versions.response_headers(versions.MIN_VERSION))


class Controller(rest.RestController):
    """Version negotiation for everything under /v1."""

    clustertemplates = cluster_templates.ClusterTemplatesController()
    mservices = magnum_services.MagnumServiceController()
    clusters = clusters.ClustersController()
    quotas = quotas.QuotaController()
    stats = stats.StatsController()
    credentials = credentials.CredentialsController()
    certificates = certificates.CertificateController()

    @wsme_pecan.wsexpose(V1)
    def get(self):
        return V1.convert()

    @pecan.expose()
    def _route(self, args, request=None):
        request = request or pecan.request
        header = request.headers.get(versions.HEADER)
        try:
            version = versions.parse_header(header)
        except versions.VersionNotAcceptable as e:
            raise _not_acceptable(str(e), unsupported=False)
        except versions.VersionUnsupported as e:
            raise _not_acceptable(str(e), unsupported=True)
        request.version = version
        request.version_headers = versions.response_headers(version)
        return super()._route(args, request)
