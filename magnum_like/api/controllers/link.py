"""Links of resources: self and bookmark."""

import pecan
from wsme import types as wtypes

from magnum_like.api.controllers import base


def build_url(resource, resource_args, bookmark=False, base_url=None):
    if base_url is None:
        base_url = pecan.request.application_url
    template = "%(url)s/%(res)s" if bookmark else "%(url)s/v1/%(res)s"
    template += "%(args)s" if resource_args.startswith("?") else \
        "/%(args)s"
    return template % {"url": base_url, "res": resource,
                       "args": resource_args}


class Link(base.APIBase):
    href = wtypes.text
    rel = wtypes.text
    type = wtypes.text

    @staticmethod
    def make_link(rel_name, url, resource, resource_args, bookmark=False,
                  type=wtypes.Unset):
        href = build_url(resource, resource_args, bookmark=bookmark,
                         base_url=url)
        return Link(href=href, rel=rel_name, type=type)


def self_and_bookmark(resource, resource_args):
    url = pecan.request.application_url
    return [Link.make_link("self", url, resource, resource_args),
            Link.make_link("bookmark", url, resource, resource_args,
                           bookmark=True)]
