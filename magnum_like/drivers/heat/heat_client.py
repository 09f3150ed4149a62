"""A thin adapter from StackRequest to python-heatclient, with Heat's
errors turned into typed ones (404 StackNotFound, 409
OperationInProgress, other 4xx StackRequestRejected)."""

import contextlib

from heatclient import exc as heat_exc

from magnum_like.common import clients
from magnum_like.common import exceptions

# Stack ids per list call: each adds "id=<uuid>&" (40 bytes) to the URL,
# which must stay under 4 KB (proxies in front of Heat refuse longer
# ones) with room for the endpoint and the other filters.
MAX_IDS_PER_LIST = 80


def _message(error):
    text = str(getattr(error, "error", None) and
               error.error.get("error", {}).get("message") or error)
    return text.removeprefix("ERROR: ")


@contextlib.contextmanager
def _translated(stack):
    with clients.unavailable_on_failure("heat"):
        try:
            yield
        except heat_exc.HTTPNotFound:
            raise exceptions.StackNotFound(stack_id=stack)
        except heat_exc.HTTPConflict:
            raise exceptions.OperationInProgress(cluster_name=stack)
        except heat_exc.HTTPBadRequest as e:
            raise exceptions.StackRequestRejected(reason=_message(e))


class HeatStacks:
    """The stack calls of the Heat drivers over a heatclient v1 Client
    (magnum_like.common.clients.heat(context))."""

    def __init__(self, client, page_size=500):
        self._stacks = client.stacks
        self._page_size = page_size

    def create(self, request):
        """Create the stack; returns its id."""
        kwargs = dict(stack_name=request.stack_name,
                      template=request.template, files=request.files,
                      environment_files=request.environment_files,
                      parameters=request.parameters,
                      disable_rollback=request.disable_rollback)
        if request.timeout_mins:
            kwargs["timeout_mins"] = request.timeout_mins
        if request.tags:
            kwargs["tags"] = ",".join(request.tags)
        with _translated(request.stack_name):
            return self._stacks.create(**kwargs)["stack"]["id"]

    def update(self, request):
        """Update (PATCH when request.existing) the stack."""
        kwargs = dict(existing=request.existing,
                      parameters=request.parameters,
                      disable_rollback=request.disable_rollback)
        if request.template is not None:
            kwargs.update(template=request.template, files=request.files,
                          environment_files=request.environment_files)
        if request.timeout_mins:
            kwargs["timeout_mins"] = request.timeout_mins
        with _translated(request.stack_id):
            self._stacks.update(request.stack_id, **kwargs)

    def delete(self, stack_id):
        """Delete the stack; False if Heat does not know it (404)."""
        try:
            with _translated(stack_id):
                self._stacks.delete(stack_id)
        except exceptions.StackNotFound:
            return False
        return True

    def get(self, stack_id, resolve_outputs=True):
        """The stack (raises StackNotFound)."""
        with _translated(stack_id):
            return self._stacks.get(stack_id,
                                    resolve_outputs=resolve_outputs)

    def find_by_tag(self, tag):
        """The live stacks of this project carrying `tag`."""
        with _translated(tag):
            return [s for s in self._stacks.list(tags=tag)
                    if s.stack_status != "DELETE_COMPLETE"]

    def list_by_ids(self, stack_ids, all_projects=False):
        """{stack id: stack} of the stacks Heat knows among `stack_ids`,
        deleted ones included (DELETE_COMPLETE): one list call per
        page_size ids (at most MAX_IDS_PER_LIST). An id missing from the
        answer is a 404. `all_projects` lists across projects
        (global_tenant), which Heat's policy may refuse:
        StackListForbidden."""
        ids = sorted({i for i in stack_ids if i})
        size = min(self._page_size, MAX_IDS_PER_LIST)
        found = {}
        for start in range(0, len(ids), size):
            chunk = ids[start:start + size]
            kwargs = {"filters": {"id": chunk}, "show_deleted": True}
            if all_projects:
                kwargs["global_tenant"] = True
            with _translated("%d stacks" % len(chunk)):
                try:
                    found.update((s.id, s)
                                 for s in self._stacks.list(**kwargs))
                except heat_exc.HTTPForbidden as e:
                    raise exceptions.StackListForbidden(
                        reason=_message(e)) from None
        return found
