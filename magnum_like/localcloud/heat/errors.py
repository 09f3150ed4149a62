"""Heat's error types, each with the HTTP code the Heat API answers with."""

_TITLES = {
    400: ("Bad Request",
          "The server could not comply with the request since it is either "
          "malformed or otherwise incorrect."),
    401: ("Unauthorized",
          "This server could not verify that you are authorized to access "
          "the document you requested."),
    403: ("Forbidden", "Access was denied to this resource."),
    404: ("Not Found", "The resource could not be found."),
    409: ("Conflict",
          "There was a conflict when trying to complete your request."),
    500: ("Internal Server Error",
          "The server has either erred or is incapable of performing the "
          "requested operation."),
}


class HeatError(Exception):
    """Base error: carries the HTTP code and Heat's exception type name."""

    code = 400
    type_name = None

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    @property
    def error_type(self):
        return self.type_name or type(self).__name__

    def to_body(self):
        title, explanation = _TITLES.get(self.code, _TITLES[500])
        return {
            "code": self.code,
            "title": title,
            "explanation": explanation,
            "error": {"type": self.error_type, "message": self.message,
                      "traceback": None},
        }


def format_path(path):
    """Render a path list as Heat does: ``resources.a.resources[0].b``."""
    out = ""
    for item in path:
        item = str(item)
        if item.isdigit():
            out += "[%s]" % item
        elif out:
            out += ".%s" % item
        else:
            out = item
    return out


class StackValidationFailed(HeatError):
    """A template, environment or parameter failed validation."""

    def __init__(self, message, error=None, path=None):
        self.error = error
        self.path = list(path or [])
        self.detail = message
        text = ""
        if error:
            text += "%s: " % error
        if self.path:
            text += "%s: " % format_path(self.path)
        super().__init__(text + message)


class UserParameterMissing(HeatError):
    def __init__(self, key):
        super().__init__("The Parameter (%s) was not provided." % key)


class UnknownUserParameter(HeatError):
    def __init__(self, key):
        super().__init__("The Parameter (%s) was not defined in template."
                         % key)


class InvalidTemplateVersion(HeatError):
    def __init__(self, explanation):
        super().__init__("The template version is invalid: %s"
                         % explanation)


class InvalidTemplateSection(HeatError):
    def __init__(self, section):
        super().__init__("The template section is invalid: %s" % section)


class InvalidTemplateReference(HeatError):
    def __init__(self, resource, key):
        super().__init__('The specified reference "%s" (in %s) is '
                         'incorrect.' % (resource, key))


class InvalidTemplateAttribute(HeatError):
    def __init__(self, resource, key):
        super().__init__("The Referenced Attribute (%s %s) is incorrect."
                         % (resource, key))


class CircularDependencyException(HeatError):
    def __init__(self, cycle):
        super().__init__("Circular Dependency Found: %s" % cycle)


class ResourceTypeNotFound(HeatError):
    type_name = "StackValidationFailed"

    def __init__(self, type_name):
        super().__init__("The Resource Type (%s) could not be found."
                         % type_name)


class ResourceTypeUnavailable(HeatError):
    """The service a resource type needs has no endpoint in the
    catalog (HEAT-E99001)."""

    def __init__(self, service, type_name):
        super().__init__(
            "HEAT-E99001 Service %s is not available for resource type "
            "%s, reason: Service endpoint not in service catalog."
            % (service, type_name))


class HTTPBadRequest(HeatError):
    pass


class InternalError(HeatError):
    code = 500
    type_name = "HTTPInternalServerError"


class NotAuthenticated(HeatError):
    code = 401
    type_name = "HTTPUnauthorized"


class Forbidden(HeatError):
    code = 403


class EntityNotFound(HeatError):
    code = 404

    def __init__(self, entity, name):
        super().__init__("The %s (%s) could not be found." % (entity, name))


class ResourceNotFound(HeatError):
    code = 404
    type_name = "EntityNotFound"

    def __init__(self, resource_name, stack_name):
        super().__init__("The Resource (%s) could not be found in Stack %s."
                         % (resource_name, stack_name))


class NotFound(HeatError):
    code = 404


class StackExists(HeatError):
    code = 409

    def __init__(self, stack_name):
        super().__init__("The Stack (%s) already exists." % stack_name)


class ActionInProgress(HeatError):
    code = 409

    def __init__(self, stack_name, action):
        super().__init__("Stack %s already has an action (%s) in progress."
                         % (stack_name, action))


class ResourceFailure(Exception):
    """A resource action failed; keeps the Heat-style path to the culprit.

    ``str()`` gives e.g. ``ResourceInError: resources.kube_masters.
    resources[0].resources.kube-master: Went to status ERROR due to "x"``.
    """

    def __init__(self, error, message, path=()):
        self.error = error
        self.message = message
        self.path = list(path)
        super().__init__(str(self))

    def __str__(self):
        text = "%s: " % self.error if self.error else ""
        if self.path:
            text += "%s: " % format_path(self.path)
        return text + self.message

    def nested(self, prefix):
        """The same failure seen from the resource that owns the stack."""
        return ResourceFailure(self.error, self.message,
                               list(prefix) + self.path)


class ResourceInError(ResourceFailure):
    """A cloud object went to an ERROR status."""

    def __init__(self, status, reason, path=()):
        super().__init__("ResourceInError",
                         'Went to status %s due to "%s"' % (status, reason),
                         path)
