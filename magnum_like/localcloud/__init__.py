"""The local cloud: an in-memory emulation of the OpenStack services.

``world`` holds the state and its Python API, ``wsgi`` serves it over
HTTP with the real OpenStack API shapes, ``service`` runs it on a port.
Nothing here imports the product's api, conductor or drivers packages.
"""
