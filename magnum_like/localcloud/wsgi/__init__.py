"""HTTP layers of the local cloud: one WSGI app per emulated service."""
