"""`/v1/clustertemplates`: create, list, show, update and delete cluster
templates (facts §4.1).

Differences from Magnum, on purpose: the policy and publish checks run
before any cloud call; a PATCH that changes the image, COE, server type
or driver derives cluster_distro and the driver again; the root-disk
check of a PATCH uses the patched labels; the driver of a template is
never an unrelated "first installed" driver. The keypair is checked at
cluster create, as in Magnum, unless [cluster_template]
validate_template_keypair asks for it here too.
"""

from oslo_config import cfg
from oslo_log import log as logging
import pecan
from pecan import rest
import wsme
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api.controllers import base
from magnum_like.api.controllers import collection
from magnum_like.api.controllers import link
from magnum_like.api.controllers import types
from magnum_like.api.controllers import utils
from magnum_like.api.controllers.v1 import cluster_types as ctypes
from magnum_like.api.validation import cloud
from magnum_like.api.validation import driver as driver_resolution
from magnum_like.api.validation import rules
from magnum_like.common import exceptions
from magnum_like.common import names
from magnum_like.common import policy
from magnum_like.db import cluster_templates as db
from magnum_like.drivers import coe_rules

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

_RESOURCE = "clustertemplates"
_DEPRECATED_STORAGE = ("devicemapper", "overlay")

# Fields a client may set, in the order Magnum shows them.
SETTABLE = (
    "name", "coe", "image_id", "flavor_id", "master_flavor_id",
    "dns_nameserver", "keypair_id", "external_network_id", "fixed_network",
    "fixed_subnet", "network_driver", "apiserver_port",
    "docker_volume_size", "cluster_distro", "http_proxy", "https_proxy",
    "no_proxy", "volume_driver", "registry_enabled", "labels",
    "tls_disabled", "public", "server_type", "insecure_registry",
    "docker_storage_driver", "master_lb_enabled", "floating_ip_enabled",
    "hidden", "tags", "driver")
FIELDS = ("uuid",) + SETTABLE + ("project_id", "user_id", "created_at",
                                 "updated_at")
# A change of one of these derives cluster_distro and the driver again.
_IDENTITY_FIELDS = {"image_id", "coe", "server_type", "driver",
                    "cluster_distro"}


def _text(max_length=255, min_length=1):
    return wtypes.StringType(min_length=min_length, max_length=max_length)


class ClusterTemplate(base.APIBase):
    """A cluster template as the API shows and accepts it."""

    uuid = types.uuid
    name = _text()
    coe = wsme.wsattr(wtypes.Enum(wtypes.text, *coe_rules.COES),
                      mandatory=True)
    image_id = wsme.wsattr(_text(), mandatory=True)
    flavor_id = _text()
    master_flavor_id = _text()
    dns_nameserver = types.dns_list
    keypair_id = wsme.wsattr(_text(), default=None)
    external_network_id = _text()
    fixed_network = _text()
    fixed_subnet = _text()
    network_driver = _text()
    apiserver_port = wtypes.IntegerType(minimum=1024, maximum=65535)
    docker_volume_size = wtypes.IntegerType(minimum=1)
    cluster_distro = _text()
    links = wsme.wsattr([link.Link], readonly=True)
    http_proxy = _text()
    https_proxy = _text()
    no_proxy = _text()
    volume_driver = _text()
    registry_enabled = wsme.wsattr(types.boolean, default=False)
    labels = wtypes.DictType(
        wtypes.text, types.MultiType(wtypes.text, int, bool, float))
    tls_disabled = wsme.wsattr(types.boolean, default=False)
    public = wsme.wsattr(types.boolean, default=False)
    server_type = wsme.wsattr(
        wtypes.Enum(wtypes.text, *coe_rules.SERVER_TYPES), default="vm")
    insecure_registry = _text()
    docker_storage_driver = _text()
    master_lb_enabled = wsme.wsattr(types.boolean, default=False)
    floating_ip_enabled = wsme.wsattr(types.boolean, default=True)
    project_id = wsme.wsattr(wtypes.text, readonly=True)
    user_id = wsme.wsattr(wtypes.text, readonly=True)
    hidden = wsme.wsattr(types.boolean, default=False)
    tags = _text(min_length=0)
    driver = _text()

    def __init__(self, **kwargs):
        self.fields = list(FIELDS)
        super().__init__(**kwargs)

    @classmethod
    def convert(cls, row):
        template = cls.from_row(row, FIELDS)
        template.labels = ctypes.shown_labels(row.labels)
        template.links = link.self_and_bookmark(_RESOURCE, row.uuid)
        return template


class ClusterTemplatePatchType(types.JsonPatchType):
    # Values are checked once the patched template is rebuilt; `/labels`
    # takes an object or the Python-literal string the client sends.
    value = types.MultiType(wtypes.text, int, float, bool, dict, list)

    @staticmethod
    def mandatory_attrs():
        return ["/image_id", "/coe"]

    @staticmethod
    def non_removable_attrs():
        return ["/network_driver", "/external_network_id", "/tls_disabled",
                "/public", "/server_type", "/coe", "/registry_enabled",
                "/cluster_distro", "/hidden"]


class ClusterTemplateCollection(collection.Collection):
    clustertemplates = [ClusterTemplate]

    def __init__(self, **kwargs):
        self._type = _RESOURCE

    @classmethod
    def convert(cls, rows, limit, url=None, **kwargs):
        result = cls()
        result.clustertemplates = [ClusterTemplate.convert(r) for r in rows]
        result.next = result.get_next(limit, url=url, **kwargs)
        return result


def _as_strings(labels):
    """Labels are stored and shown as strings, as Magnum does."""
    return {str(k): str(v) for k, v in (labels or {}).items()}


def _target(row):
    return {"project_id": row.project_id, "user_id": row.user_id}


def _check_publish(context):
    if not policy.authorize(context, "clustertemplate:publish",
                            do_raise=False):
        raise exceptions.ClusterTemplatePublishDenied()


def _all_projects(context, action):
    """Admins act on every project's templates (facts §1.4)."""
    if context.is_admin:
        policy.authorize(context, action)
        context.all_tenants = True


def _warn_deprecated(template):
    if template.get("docker_storage_driver") in _DEPRECATED_STORAGE:
        LOG.warning("The %s docker storage driver is deprecated in favour "
                    "of overlay2.", template["docker_storage_driver"])


def _checked_fields(fields=None):
    """The resource fields a template create (all) or update (`fields`)
    checks in the cloud: the keypair only when the operator asks for it,
    since Magnum checks it when a cluster is created, as its owner."""
    names = {field for field, _method in cloud.RESOURCE_CHECKS}
    if fields is not None:
        names &= set(fields)
    if not CONF.cluster_template.validate_template_keypair:
        names.discard("keypair_id")
    return names


def _derive_identity(cloud_view, template, previous_driver=None):
    """Set cluster_distro from the image and pick the driver."""
    image = cloud_view.image(template["image_id"])
    template["cluster_distro"] = image["os_distro"]
    template["driver"] = driver_resolution.resolve(
        template, image, previous=previous_driver)


class ClusterTemplatesController(rest.RestController):
    _custom_actions = {"detail": ["GET"]}

    def _collection(self, marker, limit, sort_key, sort_dir, url=None):
        limit = utils.validate_limit(limit)
        sort_dir = utils.validate_sort_dir(sort_dir)
        rows = db.list_templates(pecan.request.context, limit, marker,
                                 sort_key, sort_dir)
        return ClusterTemplateCollection.convert(
            rows, limit, url=url, sort_key=sort_key, sort_dir=sort_dir)

    @wsme_pecan.wsexpose(ClusterTemplateCollection, types.uuid, int,
                         wtypes.text, wtypes.text)
    def get_all(self, marker=None, limit=None, sort_key="id",
                sort_dir="asc"):
        """The templates the caller sees, one page."""
        context = pecan.request.context
        policy.authorize(context, "clustertemplate:get_all")
        _all_projects(context, "clustertemplate:get_all_all_projects")
        return self._collection(marker, limit, sort_key, sort_dir)

    @wsme_pecan.wsexpose(ClusterTemplateCollection, types.uuid, int,
                         wtypes.text, wtypes.text)
    def detail(self, marker=None, limit=None, sort_key="id",
               sort_dir="asc"):
        """The same as the list (templates are never summarised)."""
        context = pecan.request.context
        policy.authorize(context, "clustertemplate:detail")
        parent = pecan.request.path.split("/")[:-1][-1]
        if parent != _RESOURCE:
            raise exceptions.ResourceNotFound()
        _all_projects(context, "clustertemplate:detail_all_projects")
        return self._collection(marker, limit, sort_key, sort_dir,
                                url=_RESOURCE + "/detail")

    @wsme_pecan.wsexpose(ClusterTemplate, wtypes.text)
    def get_one(self, ident):
        """One template by uuid or name."""
        context = pecan.request.context
        _all_projects(context, "clustertemplate:get_one_all_projects")
        row = db.get_by_ident(context, ident)
        if not row.public:
            policy.authorize(context, "clustertemplate:get", _target(row))
        return ClusterTemplate.convert(row)

    @wsme_pecan.wsexpose(ClusterTemplate, body=types.jsontype,
                         status_code=201)
    def post(self, cluster_template=None):
        """Create a template; 201 with its Location."""
        context = pecan.request.context
        policy.authorize(context, "clustertemplate:create")
        cluster_template = utils.parse_body(
            ClusterTemplate, cluster_template, "cluster_template")
        template = {k: v for k, v in cluster_template.as_dict().items()
                    if k in SETTABLE}
        if template.get("public") or template.get("hidden"):
            _check_publish(context)
        template["labels"] = _as_strings(template.get("labels"))
        rules.check(template)
        view = cloud.Cloud(context)
        _derive_identity(view, template)
        cloud.check_resources(view, template, fields=_checked_fields())
        _warn_deprecated(template)
        template["name"] = template.get("name") or names.generate(
            "template")
        template.update(project_id=context.project_id,
                        user_id=context.user_id)
        row = db.create(template)
        pecan.response.location = link.build_url(_RESOURCE, row.uuid)
        return ClusterTemplate.convert(row)

    @wsme_pecan.wsexpose(ClusterTemplate, wtypes.text, body=types.jsontype)
    def patch(self, ident, patch=None):
        """Apply a JSON patch; 200 with the updated template."""
        context = pecan.request.context
        patch = utils.parse_body([ClusterTemplatePatchType], patch, "patch")
        _all_projects(context, "clustertemplate:update_all_projects")
        row = db.get_by_ident(context, ident)
        policy.authorize(context, "clustertemplate:update", _target(row))
        old = {f: getattr(row, f) for f in SETTABLE}
        old["labels"] = row.labels or {}
        new = _patched(old, patch)
        changes = _changes(old, new)
        if not changes:
            return ClusterTemplate.convert(row)
        if "public" in changes or "hidden" in changes:
            _check_publish(context)
        if db.count_clusters(row.uuid) and \
                not db.allowed_while_referenced(changes):
            raise exceptions.ClusterTemplateReferenced(
                clustertemplate=row.uuid)
        _validate_update(context, new, changes)
        row = db.update(row.uuid, _changes(old, new))
        return ClusterTemplate.convert(row)

    @wsme_pecan.wsexpose(None, wtypes.text, status_code=204)
    def delete(self, ident):
        """Delete a template no cluster uses."""
        context = pecan.request.context
        _all_projects(context, "clustertemplate:delete_all_projects")
        row = db.get_by_ident(context, ident)
        policy.authorize(context, "clustertemplate:delete", _target(row))
        db.destroy(row.uuid)


def _patched(old, patch):
    """The template after `patch`, type-checked like a POST body."""
    new = utils.patched(ClusterTemplate, old, patch, SETTABLE,
                        {"/labels": dict})
    new["labels"] = _as_strings(new["labels"])
    # a secret label written back as shown keeps its stored value
    for key in ctypes.SECRET_LABELS & set(new["labels"]):
        if new["labels"][key] == ctypes.HIDDEN_VALUE and \
                key in old["labels"]:
            new["labels"][key] = old["labels"][key]
    return new


def _changes(old, new):
    return {f: new[f] for f in SETTABLE if new[f] != old[f]}


def _validate_update(context, new, changes):
    """The create checks, for what the patch changed."""
    rules.check(new)
    view = cloud.Cloud(context)
    if _IDENTITY_FIELDS & set(changes):
        previous = None
        if "driver" not in changes:
            previous, new["driver"] = new["driver"], None
        _derive_identity(view, new, previous_driver=previous)
    fields = set(changes)
    if "labels" in changes:
        fields |= {"flavor_id", "master_flavor_id"}
    cloud.check_resources(view, new, fields=_checked_fields(fields))
    _warn_deprecated(new)
