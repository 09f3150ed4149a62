"""X.509 generation with `cryptography`: cluster CAs and certificates
they sign (operations.py). Reused by CA rotation and CSR signing."""
