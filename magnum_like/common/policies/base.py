"""Base policy rules that the resource rules build on (Magnum's names)."""

from oslo_policy import policy

ADMIN = "rule:context_is_admin"
ADMIN_OR_PROJECT_READER = "rule:admin_or_project_reader"
ADMIN_OR_PROJECT_MEMBER = "rule:admin_or_project_member"
ADMIN_OR_PROJECT_MEMBER_USER = "rule:admin_or_project_member_user"
ADMIN_OR_PROJECT_READER_USER = "rule:admin_or_project_reader_user"
PROJECT_MEMBER = "rule:project_member"

rules = [
    policy.RuleDefault("context_is_admin", "role:admin",
                       description="Who is an administrator."),
    policy.RuleDefault("admin_or_owner",
                       "is_admin:True or project_id:%(project_id)s",
                       description="Admin, or a user of the project."),
    policy.RuleDefault("admin_or_user",
                       "is_admin:True or user_id:%(user_id)s",
                       description="Admin, or the user itself."),
    policy.RuleDefault("is_user", "user_id:%(user_id)s",
                       description="The user who owns the resource."),
    policy.RuleDefault("project_member",
                       "role:member and project_id:%(project_id)s",
                       description="A member of the resource's project."),
    policy.RuleDefault("project_reader",
                       "role:reader and project_id:%(project_id)s",
                       description="A reader of the resource's project."),
    policy.RuleDefault("admin_or_project_reader",
                       "rule:context_is_admin or rule:project_reader",
                       description="Admin, or a project reader."),
    policy.RuleDefault("admin_or_project_member",
                       "rule:context_is_admin or rule:project_member",
                       description="Admin, or a project member."),
    policy.RuleDefault("admin_or_project_member_user",
                       "rule:context_is_admin or "
                       "(rule:project_member and rule:is_user)",
                       description="Admin, or the member who owns it."),
    policy.RuleDefault("admin_or_project_reader_user",
                       "rule:context_is_admin or "
                       "(rule:project_reader and rule:is_user)",
                       description="Admin, or the reader who owns it."),
]


def api_rule(name, check_str, description, method, path):
    """A documented, project-scoped API rule."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{"method": method, "path": path}],
        scope_types=["project"])


def list_rules():
    return rules
