"""Heat stack names of clusters and nodegroups (facts §10.1).

cluster name[:30] (a nodegroup stack: cluster name[:20] + "-" +
nodegroup name[:9]); `_` and `.` become `-`, only [A-Za-z0-9-] is kept,
`-<12-char short id>` is appended and the result lower-cased. Heat wants
a name that starts with a letter, so one that would not gets a `c`.
"""

import base64
import re
import uuid

_DROP = re.compile(r"[^A-Za-z0-9-]")


def short_id():
    """12 random lower-case characters (letters and digits)."""
    return base64.b32encode(uuid.uuid4().bytes).decode()[:12].lower()


def _clean(text):
    return _DROP.sub("", (text or "").replace("_", "-").replace(".", "-"))


def _finish(base, suffix):
    name = ("%s-%s" % (base, suffix or short_id())).lower()
    return name if name[0].isalpha() else "c" + name


def cluster_stack_name(cluster_name, suffix=None):
    return _finish(_clean((cluster_name or "")[:30]), suffix)


def nodegroup_stack_name(cluster_name, nodegroup_name, suffix=None):
    base = "%s-%s" % ((cluster_name or "")[:20], (nodegroup_name or "")[:9])
    return _finish(_clean(base), suffix)
