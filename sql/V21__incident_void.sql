-- An incident recorded in error is voided, not deleted: it stays in the register, marked, with who voided it and
-- why, and no longer counts against its village's 三零.
ALTER TABLE sanling_incident ADD COLUMN voided_at DATETIME(3);
ALTER TABLE sanling_incident ADD COLUMN voided_by VARCHAR(64);
ALTER TABLE sanling_incident ADD COLUMN void_reason VARCHAR(500);
