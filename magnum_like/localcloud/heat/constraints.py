"""Heat's custom constraints on resource properties that name cloud
objects (``glance.image``, ``nova.flavor``, ``cinder.vtype``): a literal
value (or a null, which Heat turns into '') must name an existing object
the stack's project can see, or validation fails as in real Heat."""

from magnum_like.localcloud.world import errors as world_errors


def _image(world, value, project_id):
    try:
        world.image.find_image(project_id, value)
    except world_errors.WorldError:
        return "No Image matching {'name': '%s'}." % value
    return None


def _flavor(world, value, project_id):
    try:
        world.compute.find_flavor(value)
    except world_errors.WorldError:
        return "No Flavor matching {'name': '%s'}. (HTTP 404)" % value
    return None


def _volume_type(world, value, project_id):
    try:
        world.volume.find_type(value)
    except world_errors.WorldError:
        return "The VolumeType (%s) could not be found." % value
    return None


CHECKS = {"glance.image": _image, "nova.flavor": _flavor,
          "cinder.vtype": _volume_type}


def check(world, constraint, value, project_id):
    """An error text when `value` breaks `constraint`, else None."""
    problem = CHECKS[constraint](world, value, project_id)
    if problem is None:
        return None
    return "Error validating value '%s': %s" % (value, problem)
