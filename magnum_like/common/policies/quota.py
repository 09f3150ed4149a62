"""Default policy rules of quota API calls."""

from magnum_like.common.policies import base

rules = [
    base.api_rule(
        'quota:create', base.ADMIN,
        'Create a quota.',
        'POST', '/v1/quotas'),
    base.api_rule(
        'quota:delete', base.ADMIN,
        'Delete a quota.',
        'DELETE', '/v1/quotas/{project_id}/{resource}'),
    base.api_rule(
        'quota:get', base.ADMIN_OR_PROJECT_READER,
        'Show a quota.',
        'GET', '/v1/quotas/{project_id}/{resource}'),
    base.api_rule(
        'quota:get_all', base.ADMIN,
        'List quotas.',
        'GET', '/v1/quotas'),
    base.api_rule(
        'quota:update', base.ADMIN,
        'Update a quota.',
        'PATCH', '/v1/quotas/{project_id}/{resource}'),
]


def list_rules():
    return rules
