"""Cinder's per-project quotas (``os-quota-sets``): Cinder's default
limits, overrides an admin sets, and the usage of each project's
volumes. Kept apart from ``volume.py``, which owns the volumes."""

from magnum_like.localcloud.world import errors

# Cinder's configuration defaults (quota_volumes, quota_snapshots, ...).
DEFAULTS = {"volumes": 10, "snapshots": 10, "gigabytes": 1000,
            "backups": 10, "backup_gigabytes": 1000, "groups": 10,
            "per_volume_gigabytes": -1}


def _limits(volume, project_id):
    limits = dict(DEFAULTS)
    for rec in volume.types.values():
        for key in ("volumes", "gigabytes", "snapshots"):
            limits["%s_%s" % (key, rec["name"])] = -1
    limits.update(volume.quotas.get(project_id, {}))
    return limits


def _usage(volume, project_id):
    mine = [v for v in volume.volumes.values()
            if v["project_id"] == project_id]
    usage = {"volumes": len(mine),
             "gigabytes": sum(v.get("size") or 0 for v in mine)}
    for rec in mine:
        name = rec.get("volume_type")
        if name:
            usage["volumes_%s" % name] = usage.get(
                "volumes_%s" % name, 0) + 1
            usage["gigabytes_%s" % name] = usage.get(
                "gigabytes_%s" % name, 0) + (rec.get("size") or 0)
    return usage


def show(volume, project_id, usage=False):
    with volume.world.lock:
        limits = _limits(volume, project_id)
        if not usage:
            return limits
        used = _usage(volume, project_id)
        return {key: {"limit": limit, "in_use": used.get(key, 0),
                      "reserved": 0, "allocated": 0}
                for key, limit in limits.items()
                if key != "per_volume_gigabytes"} | {
            "per_volume_gigabytes": limits["per_volume_gigabytes"]}


def update(volume, project_id, values):
    """Cinder's quota update: known keys only, integers of -1 or more;
    a limit below what the project uses is refused."""
    with volume.world.lock:
        limits = _limits(volume, project_id)
        used = _usage(volume, project_id)
        wanted = {}
        for key, value in values.items():
            if key not in limits:
                raise errors.BadRequest("Bad key(s) in quota set: %s" % key)
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise errors.BadRequest(
                    "Quota limit %s for %s must be an integer." % (
                        value, key)) from None
            if number < -1:
                raise errors.BadRequest(
                    "Quota limit %s for %s must be greater than or equal "
                    "to -1." % (number, key))
            if number != -1 and number < used.get(key, 0):
                raise errors.BadRequest(
                    "Quota %s limit must be equal or greater than existing "
                    "resources. Current usage is %s and the requested "
                    "limit is %s." % (key, used[key], number))
            wanted[key] = number
        volume.quotas.setdefault(project_id, {}).update(wanted)
        return _limits(volume, project_id)


def absolute_limits(volume, project_id):
    """Cinder's GET /limits "absolute" part: the project's limits and
    what it uses (no snapshots or backups here)."""
    with volume.world.lock:
        limits = _limits(volume, project_id)
        used = _usage(volume, project_id)
    return {"maxTotalVolumes": limits["volumes"],
            "maxTotalSnapshots": limits["snapshots"],
            "maxTotalVolumeGigabytes": limits["gigabytes"],
            "maxTotalBackups": limits["backups"],
            "maxTotalBackupGigabytes": limits["backup_gigabytes"],
            "totalVolumesUsed": used["volumes"],
            "totalGigabytesUsed": used["gigabytes"],
            "totalSnapshotsUsed": 0, "totalBackupsUsed": 0,
            "totalBackupGigabytesUsed": 0}
