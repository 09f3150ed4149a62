"""Cluster health through each COE's own API (monitor.py), the TLS
material the conductor presents (credentials.py), one probe per COE
(probes.py) and the optional repair of NotReady nodes (repair.py)."""
