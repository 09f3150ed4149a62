"""The clusters' own APIs as the local cloud answers them.

A real cluster serves its COE API (Kubernetes, Docker Swarm, Mesos) from
its masters; here one gateway answers for every cluster the local Heat
built. The gateway is an HTTP proxy: a client that CONNECTs to a
cluster's `api_address` (or sends it an absolute-form request, for the
plain-HTTP Mesos master) reaches that cluster's emulated API, over TLS
with a server certificate issued by the cluster's CA, the client's
certificate checked against the same CA. Nodes are Ready while their
Nova servers are ACTIVE (fault injection: POST
/localcloud/admin/servers/{id}/status); with no ACTIVE master the API
does not answer at all.
"""
