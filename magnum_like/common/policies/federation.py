"""Default policy rules of federation API calls."""

from magnum_like.common.policies import base

rules = [
    base.api_rule(
        'federation:create', base.ADMIN_OR_PROJECT_MEMBER,
        'Create a federation.',
        'POST', '/v1/federations'),
    base.api_rule(
        'federation:delete', base.ADMIN_OR_PROJECT_MEMBER,
        'Delete a federation.',
        'DELETE', '/v1/federations/{federation_ident}'),
    base.api_rule(
        'federation:detail', base.ADMIN_OR_PROJECT_READER,
        'List federations with details.',
        'GET', '/v1/federations/detail'),
    base.api_rule(
        'federation:get', base.ADMIN_OR_PROJECT_READER,
        'Show a federation.',
        'GET', '/v1/federations/{federation_ident}'),
    base.api_rule(
        'federation:get_all', base.ADMIN_OR_PROJECT_READER,
        'List federations.',
        'GET', '/v1/federations/'),
    base.api_rule(
        'federation:update', base.ADMIN_OR_PROJECT_MEMBER,
        'Update a federation.',
        'PATCH', '/v1/federations/{federation_ident}'),
]


def list_rules():
    return rules
