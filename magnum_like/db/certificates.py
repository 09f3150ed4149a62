"""Rows of the certificates API: issued certificates (the audit record
an operator lists) and CA rotations of clusters."""

import datetime

from oslo_utils import uuidutils

from magnum_like.db import models
from magnum_like.db import session

IN_PROGRESS = "in_progress"
COMPLETE = "complete"


def _now():
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def record_issued(values):
    """Record one issued certificate; returns its row."""
    row = models.IssuedCertificate(**values)
    with session.writer() as s:
        s.add(row)
    return row


def list_issued(cluster_uuid=None, limit=None):
    """Issued certificates, newest first."""
    with session.reader() as s:
        query = s.query(models.IssuedCertificate)
        if cluster_uuid:
            query = query.filter(
                models.IssuedCertificate.cluster_uuid == cluster_uuid)
        query = query.order_by(models.IssuedCertificate.id.desc())
        if limit:
            query = query.limit(limit)
        return query.all()


def begin_rotation(cluster_uuid, previous_refs):
    """Record a rotation replacing `previous_refs` ({column: ref})."""
    row = models.CaRotation(uuid=uuidutils.generate_uuid(),
                            cluster_uuid=cluster_uuid, state=IN_PROGRESS,
                            previous_refs=dict(previous_refs))
    with session.writer() as s:
        s.add(row)
    return row


def rotations_in_progress(cluster_uuid):
    with session.reader() as s:
        return s.query(models.CaRotation).filter(
            models.CaRotation.cluster_uuid == cluster_uuid,
            models.CaRotation.state == IN_PROGRESS).order_by(
                models.CaRotation.id).all()


def complete_rotations(cluster_uuid):
    """Mark the cluster's rotations complete; returns the rows that were
    in progress (compare-and-set: a concurrent caller gets [])."""
    done = []
    with session.writer() as s:
        for row in s.query(models.CaRotation).filter(
                models.CaRotation.cluster_uuid == cluster_uuid,
                models.CaRotation.state == IN_PROGRESS).all():
            changed = s.query(models.CaRotation).filter(
                models.CaRotation.id == row.id,
                models.CaRotation.state == IN_PROGRESS).update(
                    {"state": COMPLETE, "completed_at": _now()},
                    synchronize_session=False)
            if changed:
                done.append(row)
    return done


def destroy_for_cluster(cluster_uuid):
    """Forget the cluster's rotations (the issuance record stays)."""
    with session.writer() as s:
        s.query(models.CaRotation).filter(
            models.CaRotation.cluster_uuid == cluster_uuid).delete(
                synchronize_session=False)
