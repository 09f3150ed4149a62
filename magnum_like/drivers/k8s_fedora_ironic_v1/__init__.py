"""Kubernetes on Fedora bare-metal nodes (Ironic), through Heat."""
