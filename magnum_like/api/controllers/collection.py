"""Collections with Magnum's `next` link."""

import pecan
from wsme import types as wtypes

from magnum_like.api.controllers import base


class Collection(base.APIBase):
    next = wtypes.text
    """The URL of the next page, present when this page is full."""

    @property
    def collection(self):
        return getattr(self, self._type)

    def has_next(self, limit):
        return len(self.collection) and len(self.collection) == limit

    def get_next(self, limit, url=None, marker_attr="uuid", **kwargs):
        """The `next` URL, or Unset when this is the last page."""
        if not self.has_next(limit):
            return wtypes.Unset
        resource_url = url or self._type
        query = "&".join("%s=%s" % (k, v) for k, v in kwargs.items()
                         if v is not None)
        if query:
            query += "&"
        marker = getattr(self.collection[-1], marker_attr)
        return "%(host)s/v1/%(res)s?%(q)slimit=%(l)d&marker=%(m)s" % {
            "host": pecan.request.application_url, "res": resource_url,
            "q": query, "l": limit, "m": marker}
