"""Default policy rules of nodegroup API calls."""

from magnum_like.common.policies import base

rules = [
    base.api_rule(
        'nodegroup:get', base.ADMIN_OR_PROJECT_READER,
        'Show a nodegroup.',
        'GET', '/v1/clusters/{cluster_id}/nodegroups/{nodegroup}'),
    base.api_rule(
        'nodegroup:get_all', base.ADMIN_OR_PROJECT_READER,
        'List nodegroups.',
        'GET', '/v1/clusters/{cluster_id}/nodegroups/'),
    base.api_rule(
        'nodegroup:get_all_all_projects', base.ADMIN,
        'List nodegroups of all projects.',
        'GET', '/v1/clusters/{cluster_id}/nodegroups/'),
    base.api_rule(
        'nodegroup:get_one_all_projects', base.ADMIN,
        'Show a nodegroup of any project.',
        'GET', '/v1/clusters/{cluster_id}/nodegroups/{nodegroup}'),
    base.api_rule(
        'nodegroup:create', base.ADMIN_OR_PROJECT_MEMBER,
        'Create a nodegroup.',
        'POST', '/v1/clusters/{cluster_id}/nodegroups/'),
    base.api_rule(
        'nodegroup:delete', base.ADMIN_OR_PROJECT_MEMBER,
        'Delete a nodegroup.',
        'DELETE', '/v1/clusters/{cluster_id}/nodegroups/{nodegroup}'),
    base.api_rule(
        'nodegroup:update', base.ADMIN_OR_PROJECT_MEMBER,
        'Update a nodegroup.',
        'PATCH', '/v1/clusters/{cluster_id}/nodegroups/{nodegroup}'),
]


def list_rules():
    return rules
