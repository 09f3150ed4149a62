"""Default policy rules of cluster API calls."""

from magnum_like.common.policies import base

rules = [
    base.api_rule(
        'cluster:create', base.ADMIN_OR_PROJECT_MEMBER,
        'Create a cluster.',
        'POST', '/v1/clusters'),
    base.api_rule(
        'cluster:delete', base.ADMIN_OR_PROJECT_MEMBER,
        'Delete a cluster.',
        'DELETE', '/v1/clusters/{cluster_ident}'),
    base.api_rule(
        'cluster:delete_all_projects', base.ADMIN,
        'Delete a cluster of any project.',
        'DELETE', '/v1/clusters/{cluster_ident}'),
    base.api_rule(
        'cluster:detail', base.ADMIN_OR_PROJECT_READER,
        'List clusters with details.',
        'GET', '/v1/clusters/detail'),
    base.api_rule(
        'cluster:detail_all_projects', base.ADMIN,
        'List clusters of all projects with details.',
        'GET', '/v1/clusters/detail'),
    base.api_rule(
        'cluster:get', base.ADMIN_OR_PROJECT_READER,
        'Show a cluster.',
        'GET', '/v1/clusters/{cluster_ident}'),
    base.api_rule(
        'cluster:get_one_all_projects', base.ADMIN,
        'Show a cluster of any project.',
        'GET', '/v1/clusters/{cluster_ident}'),
    base.api_rule(
        'cluster:get_all', base.ADMIN_OR_PROJECT_READER,
        'List clusters.',
        'GET', '/v1/clusters'),
    base.api_rule(
        'cluster:get_all_all_projects', base.ADMIN,
        'List clusters of all projects.',
        'GET', '/v1/clusters'),
    base.api_rule(
        'cluster:update', base.ADMIN_OR_PROJECT_MEMBER,
        'Update a cluster.',
        'PATCH', '/v1/clusters/{cluster_ident}'),
    base.api_rule(
        'cluster:update_health_status', base.ADMIN_OR_PROJECT_MEMBER_USER,
        "Update a cluster's health status.",
        'PATCH', '/v1/clusters/{cluster_ident}'),
    base.api_rule(
        'cluster:update_all_projects', base.ADMIN,
        'Update a cluster of any project.',
        'PATCH', '/v1/clusters/{cluster_ident}'),
    base.api_rule(
        'cluster:resize', base.ADMIN_OR_PROJECT_MEMBER,
        'Resize a cluster.',
        'POST', '/v1/clusters/{cluster_ident}/actions/resize'),
    base.api_rule(
        'cluster:upgrade', base.ADMIN_OR_PROJECT_MEMBER,
        'Upgrade a cluster.',
        'POST', '/v1/clusters/{cluster_ident}/actions/upgrade'),
    base.api_rule(
        'cluster:upgrade_all_projects', base.ADMIN,
        'Upgrade a cluster of any project.',
        'POST', '/v1/clusters/{cluster_ident}/actions/upgrade'),
]


def list_rules():
    return rules
