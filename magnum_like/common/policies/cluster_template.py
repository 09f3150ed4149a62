"""Default policy rules of cluster template API calls."""

from magnum_like.common.policies import base

rules = [
    base.api_rule(
        'clustertemplate:create', base.ADMIN_OR_PROJECT_MEMBER,
        'Create a cluster template.',
        'POST', '/v1/clustertemplates'),
    base.api_rule(
        'clustertemplate:delete', base.ADMIN_OR_PROJECT_MEMBER,
        'Delete a cluster template.',
        'DELETE', '/v1/clustertemplates/{clustertemplate_ident}'),
    base.api_rule(
        'clustertemplate:delete_all_projects', base.ADMIN,
        'Delete a cluster template of any project.',
        'DELETE', '/v1/clustertemplates/{clustertemplate_ident}'),
    base.api_rule(
        'clustertemplate:detail', base.ADMIN_OR_PROJECT_READER,
        'List cluster templates with details.',
        'GET', '/v1/clustertemplates/detail'),
    base.api_rule(
        'clustertemplate:detail_all_projects', base.ADMIN,
        'List cluster templates of all projects with details.',
        'GET', '/v1/clustertemplates/detail'),
    base.api_rule(
        'clustertemplate:get', base.ADMIN_OR_PROJECT_READER,
        'Show a cluster template.',
        'GET', '/v1/clustertemplates/{clustertemplate_ident}'),
    base.api_rule(
        'clustertemplate:get_one_all_projects', base.ADMIN,
        'Show a cluster template of any project.',
        'GET', '/v1/clustertemplates/{clustertemplate_ident}'),
    base.api_rule(
        'clustertemplate:get_all', base.ADMIN_OR_PROJECT_READER,
        'List cluster templates.',
        'GET', '/v1/clustertemplates'),
    base.api_rule(
        'clustertemplate:get_all_all_projects', base.ADMIN,
        'List cluster templates of all projects.',
        'GET', '/v1/clustertemplates'),
    base.api_rule(
        'clustertemplate:update', base.ADMIN_OR_PROJECT_MEMBER,
        'Update a cluster template.',
        'PATCH', '/v1/clustertemplates/{clustertemplate_ident}'),
    base.api_rule(
        'clustertemplate:update_all_projects', base.ADMIN,
        'Update a cluster template of any project.',
        'PATCH', '/v1/clustertemplates/{clustertemplate_ident}'),
    base.api_rule(
        'clustertemplate:publish', base.ADMIN,
        'Publish or hide a cluster template.',
        'POST', '/v1/clustertemplates'),
]


def list_rules():
    return rules
