"""HeatOperations: the operation contract (drivers/operations.py)
implemented once over Heat stacks, for any TemplateDefinition.

The cluster stack holds the default master and worker nodegroups; every
other nodegroup is a stack of its own from the same template
(is_cluster_stack false) that borrows the cluster stack's network,
security group and API address. Stacks carry the tag
`nodegroup-<uuid>` of their nodegroups, so that a create repeated after
a crash adopts the stack it made instead of making a second one.
"""

from oslo_config import cfg

from magnum_like.common import exceptions
from magnum_like.drivers import operations
from magnum_like.drivers.heat import environments
from magnum_like.drivers.heat import outputs
from magnum_like.drivers.heat import parameters
from magnum_like.drivers.heat import preview
from magnum_like.drivers.heat import stack_request

CONF = cfg.CONF
UPDATE_IN_PROGRESS = "UPDATE_IN_PROGRESS"
DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS"
DELETE_COMPLETE = "DELETE_COMPLETE"
CA_ROTATION_PARAMETER = "ca_rotation_id"


def nodegroup_tag(nodegroup):
    return "nodegroup-%s" % nodegroup.uuid


def _read_ca():
    path = CONF.drivers.openstack_ca_file
    if not path:
        return ""
    with open(path) as f:
        return f.read()


class HeatOperations:
    """Cluster operations over the stacks of `definition`."""

    def __init__(self, definition):
        self.definition = definition

    @property
    def supports_nodegroups(self):
        """Whether extra nodegroups get stacks (base.Driver asks)."""
        return self.definition.nodegroup_stacks

    # -- rendering -----------------------------------------------------
    def _networks(self, job, ctx):
        clients, template = job.clients, job.cluster_template
        cluster = job.cluster
        ext = template.external_network_id
        if ext:
            ctx.external_network_id = clients.network(ext, True)["id"]
        fixed = cluster.fixed_network or template.fixed_network
        if fixed:
            net = clients.network(fixed)
            ctx.fixed_network_id, ctx.fixed_network_name = (net["id"],
                                                            net["name"])
        subnet = cluster.fixed_subnet or template.fixed_subnet
        if subnet:
            self._subnet(clients, ctx, clients.subnet(subnet))

    def _subnet(self, clients, ctx, found):
        """The StackContext fields of the fixed subnet `found` (as
        cloud.subnet returns it), by the rules the API checked before
        the 202 (preview.apply_subnet); a network derived from the
        subnet is used when none was given."""
        network_id = preview.apply_subnet(self.definition, ctx, found)
        if network_id and not ctx.fixed_network_id:
            net = clients.network(network_id)
            ctx.fixed_network_id, ctx.fixed_network_name = (net["id"],
                                                            net["name"])

    def check_plan(self, plan):
        """Before the API records `plan` (operations.PlannedCluster):
        the 400s the rendering of its stack would give."""
        preview.check(self.definition, plan)

    def stack_context(self, job, borrowed=None):
        """The StackContext of the cluster's stacks."""
        clients, cluster, secrets = job.clients, job.cluster, job.secrets
        ctx = parameters.StackContext(
            magnum_url=clients.magnum_url(), auth_url=clients.auth_url,
            region_name=clients.region_name or "",
            username=secrets.get("username") or "",
            octavia_enabled=clients.octavia_enabled(),
            verify_ca=CONF.drivers.verify_ca, openstack_ca=_read_ca(),
            ssh_public_key=clients.keypair_public_key(
                cluster.keypair or job.cluster_template.keypair_id),
            discovery_url=cluster.discovery_url or "",
            trustee_domain_id=secrets.get("trustee_domain_id") or "",
            trustee_password=secrets.get("trustee_password") or "",
            cluster_user_trust=CONF.trust.cluster_user_trust,
            service_account_public_key=secrets.get(
                "service_account_public_key") or "",
            service_account_private_key=secrets.get(
                "service_account_private_key") or "")
        self._networks(job, ctx)
        for key, value in (borrowed or {}).items():
            if value:
                setattr(ctx, key, value)
        return ctx

    def _inputs(self, job, nodegroup=None, template=None, cluster=None,
                nodes_to_remove=(), borrowed=None):
        """StackInputs of the stack holding `nodegroup` (default: the
        cluster stack)."""
        worker = nodegroup if nodegroup is not None and \
            not nodegroup.is_default else job.default("worker")
        is_cluster_stack = worker is job.default("worker")
        if not is_cluster_stack and borrowed is None:
            borrowed = self._borrowed(job)
        return parameters.StackInputs(
            cluster_template=template or job.cluster_template,
            cluster=cluster or job.cluster, worker_nodegroup=worker,
            master_nodegroup=job.default("master"),
            context=self.stack_context(job, borrowed),
            is_cluster_stack=is_cluster_stack,
            nodes_to_remove=tuple(nodes_to_remove))

    def _borrowed(self, job):
        stack = job.clients.heat().get(job.cluster.stack_id)
        return outputs.nodegroup_stack_inputs(stack)

    def _create_stack(self, job, inputs, tags):
        heat = job.clients.heat()
        for tag in tags[:1]:
            found = heat.find_by_tag(tag)
            if found:
                return found[0].id
        return heat.create(stack_request.create(self.definition, inputs,
                                                extra_tags=tags))

    # -- cluster -------------------------------------------------------
    def create_cluster(self, job):
        master, worker = job.default("master"), job.default("worker")
        tags = tuple(nodegroup_tag(ng) for ng in (worker, master) if ng)
        stack_id = self._create_stack(job, self._inputs(job), tags)
        changes = operations.Changes(cluster={
            "stack_id": stack_id,
            "container_version": self.definition.container_version})
        for ng in (master, worker):
            if ng is not None:
                changes.nodegroup(ng.uuid, stack_id=stack_id)
        return changes

    def _scale(self, job, nodegroup, node_count, nodes_to_remove=(),
               rollback=False):
        remove = self._server_ids(job, nodegroup, nodes_to_remove)
        job.clients.heat().update(stack_request.scale(
            self.definition, nodegroup.stack_id, node_count, remove,
            rollback=rollback))
        return operations.Changes(
            cluster={"status": UPDATE_IN_PROGRESS}).nodegroup(
                nodegroup.uuid, status=UPDATE_IN_PROGRESS,
                node_count=int(node_count), status_reason=None)

    def update_cluster(self, job, rollback=False):
        worker = job.default("worker")
        return self._scale(job, worker, worker.node_count,
                           rollback=rollback)

    def resize_cluster(self, job, nodegroup, node_count, nodes_to_remove):
        return self._scale(job, nodegroup, node_count, nodes_to_remove)

    def _server_ids(self, job, nodegroup, names):
        """Server ids of `names` (member indexes, server ids or server
        names) among the nodegroup's workers; 400 for strangers."""
        if not names:
            return []
        stack = job.clients.heat().get(nodegroup.stack_id)
        members = outputs.stack_outputs(stack).get(
            self.definition.output_mapping.worker_server_ids) or {}
        ids = set(members.values())
        unknown = [n for n in names if n not in members and n not in ids]
        by_name = job.clients.server_ids_by_name(unknown) if unknown else {}
        result, missing = [], []
        for name in names:
            server_id = members.get(name) or (name if name in ids else
                                              by_name.get(name))
            if server_id in ids:
                result.append(server_id)
            else:
                missing.append(name)
        if missing:
            raise exceptions.NodesToRemoveNotFound(
                nodes=", ".join(missing), nodegroup=nodegroup.name)
        return result

    def upgrade_cluster(self, job, cluster_template, max_batch_size,
                        nodegroup):
        self.definition.check_upgrade()
        cluster = job.cluster
        nodegroup = nodegroup or job.default("worker")
        labels = dict(cluster.labels or {})
        labels.update(cluster_template.labels or {})
        view = dict(cluster.as_dict(), labels=labels,
                    cluster_template_id=cluster_template.uuid)
        inputs = self._inputs(job, nodegroup, template=cluster_template,
                              cluster=view)
        job.clients.heat().update(stack_request.upgrade(
            self.definition, inputs, nodegroup.stack_id,
            max_batch_size=max_batch_size or 1))
        changes = operations.Changes(cluster={"status": UPDATE_IN_PROGRESS})
        upgraded = [nodegroup]
        if inputs.is_cluster_stack:
            changes.cluster.update(cluster_template_id=cluster_template.uuid,
                                   labels=labels)
            upgraded = [ng for ng in job.nodegroups if ng.is_default]
        # the upgraded nodegroups show the labels the upgrade changed
        # (kube_tag first of all), as the cluster does
        changed = {k: v for k, v in labels.items()
                   if (cluster.labels or {}).get(k) != v}
        for ng in upgraded:
            changes.nodegroup(ng.uuid, status=UPDATE_IN_PROGRESS,
                              version=labels.get("kube_tag"),
                              labels=dict(ng.labels or {}, **changed))
        return changes

    def delete_cluster(self, job):
        """Delete the services' load balancers, the nodegroup stacks,
        then (once those are gone) the cluster stack."""
        job.clients.delete_cluster_load_balancers()
        heat = job.clients.heat()
        changes = operations.Changes(cluster={"status": DELETE_IN_PROGRESS})
        others = [ng for ng in job.nodegroups if not ng.is_default]
        waiting = False
        for ng in others:
            deleting = bool(ng.stack_id) and heat.delete(ng.stack_id)
            waiting = waiting or deleting
            changes.nodegroup(ng.uuid, status=DELETE_IN_PROGRESS if deleting
                              else DELETE_COMPLETE)
        deleting = waiting
        if not waiting and job.cluster.stack_id:
            deleting = heat.delete(job.cluster.stack_id)
        for ng in job.nodegroups:
            if ng.is_default:
                changes.nodegroup(ng.uuid, status=DELETE_IN_PROGRESS
                                  if deleting else DELETE_COMPLETE)
        changes.gone = not deleting
        return changes

    # -- nodegroups ----------------------------------------------------
    def create_nodegroup(self, job, nodegroup):
        stack_id = self._create_stack(job, self._inputs(job, nodegroup),
                                      (nodegroup_tag(nodegroup),))
        return operations.Changes(
            cluster={"status": UPDATE_IN_PROGRESS}).nodegroup(
                nodegroup.uuid, stack_id=stack_id)

    def update_nodegroup(self, job, nodegroup):
        return self._scale(job, nodegroup, nodegroup.node_count)

    def delete_nodegroup(self, job, nodegroup):
        deleting = bool(nodegroup.stack_id) and \
            job.clients.heat().delete(nodegroup.stack_id)
        changes = operations.Changes(
            cluster={"status": UPDATE_IN_PROGRESS}).nodegroup(
                nodegroup.uuid, status=DELETE_IN_PROGRESS if deleting
                else DELETE_COMPLETE)
        changes.gone = not deleting
        return changes

    def rotate_credentials(self, job):
        """Push the cluster's new trustee password and trust to every
        stack (a PATCH update of those parameters only)."""
        parameters_ = {"trustee_password": job.secrets["trustee_password"]}
        if CONF.trust.cluster_user_trust:
            parameters_["trust_id"] = job.cluster.trust_id
        heat = job.clients.heat()
        changes = operations.Changes(cluster={"status": UPDATE_IN_PROGRESS})
        stacks = {ng.stack_id: ng for ng in job.nodegroups if ng.stack_id}
        for stack_id in stacks:
            heat.update(stack_request.StackRequest(
                stack_id=stack_id, existing=True, parameters=parameters_))
        for ng in job.nodegroups:
            if ng.stack_id:
                changes.nodegroup(ng.uuid, status=UPDATE_IN_PROGRESS)
        return changes

    def rotate_ca_certificate(self, job, rotation_id):
        """Roll the cluster's new CAs out: every stack gets a new
        `ca_rotation_id`, which re-runs the nodes' configuration; the
        nodes re-fetch the CAs and re-issue their certificates
        (cert-functions.sh). 400 when the templates cannot rotate;
        rotation_id None only checks that they can."""
        declared, _ = self.definition.declared_parameters()
        if CA_ROTATION_PARAMETER not in declared:
            raise exceptions.CaRotationNotSupported(
                cluster=job.cluster.name or job.cluster.uuid,
                reason="the templates of its driver cannot roll new CAs "
                       "out to the nodes")
        if rotation_id is None:
            return None
        heat = job.clients.heat()
        changes = operations.Changes(cluster={"status": UPDATE_IN_PROGRESS})
        for stack_id in {ng.stack_id for ng in job.nodegroups
                         if ng.stack_id}:
            heat.update(stack_request.StackRequest(
                stack_id=stack_id, existing=True,
                parameters={CA_ROTATION_PARAMETER: rotation_id}))
        for ng in job.nodegroups:
            if ng.stack_id:
                changes.nodegroup(ng.uuid, status=UPDATE_IN_PROGRESS)
        return changes

    # -- status sync ---------------------------------------------------
    def sync_fields(self, stack, cluster, cluster_template, nodegroup,
                    is_cluster_stack):
        """(cluster fields, nodegroup fields) from a stack's outputs."""
        mapping = self.definition.output_mapping
        cluster_fields = {}
        if is_cluster_stack:
            cluster_fields = outputs.cluster_fields(
                stack, parameters.to_bool(
                    getattr(cluster_template, "tls_disabled", False)
                    or False), self.definition.container_version, mapping)
        inputs = parameters.StackInputs(
            cluster_template=cluster_template, cluster=cluster,
            worker_nodegroup=nodegroup)
        role = "master" if nodegroup.role == "master" else "worker"
        ng_fields = outputs.nodegroup_fields(
            stack, role, environments.floating_ip_enabled(inputs), mapping)
        return cluster_fields, ng_fields
