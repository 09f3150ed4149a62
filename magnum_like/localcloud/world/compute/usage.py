"""Nova's simple tenant usage (``os-simple-tenant-usage``).

Usage is computed from the servers' launch and termination times, as
Nova does: a server counts in a period when it was running at some time
in it, for the hours it ran inside the period; deleted servers keep
counting for the periods they ran in. Horizon's overview pages read it.
"""

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world.base import locked
from magnum_like.localcloud.world.compute import servers

TERMINATED_KEPT = 1000


class UsageMixin:
    """Per-project usage summaries over a period."""

    def _reset_usage(self):
        self.terminated = []

    def _record_terminated(self, rec):
        """Keep what a deleted server's usage needs (newest last)."""
        kept = dict(rec, **{"OS-SRV-USG:terminated_at": base.isotime()})
        self.terminated.append(kept)
        del self.terminated[:-TERMINATED_KEPT]

    @locked
    def server_usages(self, start, stop, project_id=None):
        """Usage of each server that ran in [start, stop), oldest first.

        ``start`` and ``stop`` are aware datetimes, ``stop`` already cut
        at the present by the caller.
        """
        now = base.utcnow()
        out = []
        for rec in list(self.servers.values()) + self.terminated:
            if project_id is not None and rec["tenant_id"] != project_id:
                continue
            usage = _server_usage(rec, start, stop, now)
            if usage is not None:
                out.append(usage)
        return sorted(out, key=lambda u: (u["started_at"], u["instance_id"]))


def summaries(usages, start, stop, detailed=True):
    """Nova's per-project summaries of server usages, in project order
    of first appearance."""
    found = {}
    for usage in usages:
        summary = found.get(usage["tenant_id"])
        if summary is None:
            summary = found[usage["tenant_id"]] = {
                "tenant_id": usage["tenant_id"],
                "total_local_gb_usage": 0.0, "total_vcpus_usage": 0.0,
                "total_memory_mb_usage": 0.0, "total_hours": 0.0,
                "start": _naive(start), "stop": _naive(stop)}
            if detailed:
                summary["server_usages"] = []
        hours = usage["hours"]
        summary["total_local_gb_usage"] += usage["local_gb"] * hours
        summary["total_vcpus_usage"] += usage["vcpus"] * hours
        summary["total_memory_mb_usage"] += usage["memory_mb"] * hours
        summary["total_hours"] += hours
        if detailed:
            summary["server_usages"].append(usage)
    return list(found.values())

def _naive(when):
    """Nova's report times: UTC without a zone, microseconds kept."""
    return when.strftime("%Y-%m-%dT%H:%M:%S.%f")


def _server_usage(rec, start, stop, now):
    launched = base.parse_time(rec.get("OS-SRV-USG:launched_at"))
    ended = base.parse_time(rec.get("OS-SRV-USG:terminated_at"))
    if launched is None or launched > stop or (ended and ended < start):
        return None
    ran = min(stop, ended) if ended else stop
    hours = max((ran - max(launched, start)).total_seconds(), 0) / 3600.0
    flavor = rec["_flavor"]
    uptime = (ended or now) - launched
    return {"instance_id": rec["id"], "name": rec["name"],
            "tenant_id": rec["tenant_id"], "flavor": flavor["name"],
            "hours": hours, "memory_mb": flavor["ram"],
            "local_gb": flavor["disk"] + flavor[
                "OS-FLV-EXT-DATA:ephemeral"],
            "vcpus": flavor["vcpus"], "started_at": _naive(launched),
            "ended_at": _naive(ended) if ended else None,
            "state": "terminated" if ended else servers.vm_state(
                rec["status"]),
            "uptime": int(uptime.total_seconds())}

