"""`GET /`: the version document; unversioned paths are served as v1."""

import pecan
from pecan import rest
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api import versions
from magnum_like.api.controllers import base
from magnum_like.api.controllers import link
from magnum_like.api.controllers import v1


class Version(base.APIBase):
    id = wtypes.text
    links = [link.Link]
    status = wtypes.text
    min_version = wtypes.text
    max_version = wtypes.text

    @staticmethod
    def current():
        url = pecan.request.application_url
        return Version(
            id="v1", status="CURRENT",
            links=[link.Link.make_link("self", url, "v1", "",
                                       bookmark=True)],
            min_version=versions.to_string(versions.MIN_VERSION),
            max_version=versions.to_string(versions.MAX_VERSION))


class Root(base.APIBase):
    name = wtypes.text
    description = wtypes.text
    versions = [Version]

    @staticmethod
    def convert():
        return Root(
            name="OpenStack Magnum API",
            description="magnum_like gives each project its own container "
                        "orchestration clusters (Kubernetes, Docker Swarm, "
                        "Mesos) as an API resource, compatible with "
                        "OpenStack Magnum.",
            versions=[Version.current()])


class RootController(rest.RestController):
    v1 = v1.Controller()

    @wsme_pecan.wsexpose(Root)
    def get(self):
        return Root.convert()

    @pecan.expose()
    def _route(self, args, request=None):
        """Serve `/clusters/...` as `/v1/clusters/...` (Magnum does)."""
        if args and args[0] and args[0] not in ("v1",) and \
                not args[0].startswith("v1."):
            args = ["v1"] + list(args)
        return super()._route(args, request)
