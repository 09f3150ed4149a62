"""The files the COE clients need for one cluster: the cluster CA's
certificate (to check the API server) and the service's client
certificate and key signed by that CA (facts §8.3: Magnum kept them in
[cluster] temp_cache_dir/<uuid>/). They live in a private directory of
this process (mode 0700, files 0600), rewritten when the cluster's
certificate refs change (CA rotation) and removed at exit."""

import atexit
import dataclasses
import os
import shutil
import tempfile
import threading

from magnum_like.common import cert_manager


@dataclasses.dataclass(frozen=True)
class TlsFiles:
    ca: str
    cert: str
    key: str


class CredentialCache:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries = {}
        self._dir = None

    def _root(self):
        if self._dir is None:
            self._dir = tempfile.mkdtemp(prefix="magnum-like-health-")
            atexit.register(shutil.rmtree, self._dir, True)
        return self._dir

    def files(self, cluster):
        """TlsFiles of `cluster`; None when it has no certificates."""
        refs = (cluster.ca_cert_ref, cluster.magnum_cert_ref)
        if not all(refs):
            return None
        with self._lock:
            entry = self._entries.get(cluster.uuid)
            if entry is not None and entry[0] == refs:
                return entry[1]
        files = self._write(cluster.uuid, *refs)
        with self._lock:
            self._entries[cluster.uuid] = (refs, files)
        return files

    def _write(self, uuid, ca_ref, client_ref):
        backend = cert_manager.get_backend()
        ca = backend.get(ca_ref).certificate
        client = backend.get(client_ref)
        folder = os.path.join(self._root(), uuid)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        paths = TlsFiles(*(os.path.join(folder, n) for n in
                           ("ca.crt", "client.crt", "client.key")))
        for path, text in ((paths.ca, ca), (paths.cert, client.certificate),
                           (paths.key, client.private_key)):
            tmp = path + ".tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(text)
            os.replace(tmp, path)
        return paths

    def forget(self, uuids_kept):
        """Drop the files of clusters not in `uuids_kept`."""
        with self._lock:
            gone = [u for u in self._entries if u not in uuids_kept]
            for uuid in gone:
                del self._entries[uuid]
        for uuid in gone:
            shutil.rmtree(os.path.join(self._root(), uuid), True)
