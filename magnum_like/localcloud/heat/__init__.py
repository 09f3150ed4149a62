"""Emulated OpenStack Heat (orchestration v1 API) for the local cloud."""
