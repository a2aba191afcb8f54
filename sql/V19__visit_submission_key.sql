-- A visit sent twice (a phone on a flaky connection; an API client's retry with the same Idempotency-Key) is logged
-- once: the key of its form or request, unique per visitor. NULL for visits logged without one (any number of them).
ALTER TABLE visit ADD COLUMN submission_key VARCHAR(100);
CREATE UNIQUE INDEX ux_visit_submission ON visit (visitor, submission_key);
