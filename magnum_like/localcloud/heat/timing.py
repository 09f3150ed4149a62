"""How long each simulated resource action takes, per timing profile.

``fast`` lets a whole cluster converge in a second or two (tests, demos);
``realistic`` approximates a real cloud (servers boot in a minute or so,
software deployments take minutes).  The profile comes from the world
setting ``heat_profile``.  Values are (low, high) seconds; a stable
jitter per resource spreads them out like a real cloud would.
"""

import zlib

PROFILES = {
    "fast": {
        "default": (0.005, 0.02), "server": (0.03, 0.06),
        "port": (0.005, 0.015), "network": (0.005, 0.015),
        "volume": (0.01, 0.03), "loadbalancer": (0.03, 0.06),
        "deployment": (0.03, 0.08), "wait": (0.03, 0.06),
        "config": (0.001, 0.005), "group_pause": (0.0, 0.0),
    },
    "realistic": {
        "default": (0.5, 1.5), "server": (60.0, 90.0),
        "port": (0.8, 1.5), "network": (1.0, 3.0),
        "volume": (5.0, 15.0), "loadbalancer": (60.0, 120.0),
        "deployment": (120.0, 300.0), "wait": (120.0, 300.0),
        "config": (0.1, 0.3), "group_pause": (1.0, 1.0),
    },
}
DELETE_FACTOR = 0.3


def delay(profile, kind, action, key=""):
    table = PROFILES.get(profile) or PROFILES["fast"]
    low, high = table.get(kind) or table["default"]
    fraction = (zlib.crc32(("%s/%s" % (key, action)).encode()) % 1000) \
        / 1000.0
    seconds = low + (high - low) * fraction
    if action == "DELETE":
        seconds *= DELETE_FACTOR
    return seconds


def pause_scale(profile):
    """Multiplier for template-given pauses (rolling update pause_time)."""
    return 1.0 if profile == "realistic" else 0.0
