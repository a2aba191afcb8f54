-- The county of a 督办 order on the order itself (issue 8: statistics at 1M cases). Written in the SQL common to
-- MySQL 8, MariaDB 10.11 and H2 in MODE=MySQL.
--
-- The summary's 督办 totals and the supervision list filter orders by their case's region and the order's time.
-- Without a region on the order the database read every order of the installation and joined each to its case
-- (19 ms of a county's summary at 1M cases); with it, a county's orders of a period are one index range, covered
-- for the totals. Written by the insert (DisputeMapper.insertSupervision takes it from the case); back-filled here.
ALTER TABLE supervision_order ADD COLUMN county_code VARCHAR(6);

UPDATE supervision_order SET county_code = (
    SELECT d.county_code FROM dispute d WHERE d.id = supervision_order.dispute_id);

CREATE INDEX ix_supervision_county ON supervision_order
    (county_code, created_at, dispute_id, automatic, responded_at, due_at);
