"""Kubernetes on Fedora CoreOS virtual machines, through Heat."""
