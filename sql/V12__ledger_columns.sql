-- The 台账 (ledger) columns 调解员 and 回访 kept on the case row (issue 8: the ledger export at >= 100k rows/s).
-- Written in the SQL common to MySQL 8, MariaDB 10.11 and H2 in MODE=MySQL.
--
-- The export found them with two correlated sub-queries per case (the last ACCEPT/RESOLVE event's actor, the last
-- follow-up's answers), ~45 ms of every page of 1,000 cases on MariaDB. The dispute module now writes them in the
-- same transaction as that event or follow-up row (DisputeCommandService.act); back-filled here from the timeline.

-- who last accepted or resolved the case (dispute_event.actor of the last ACCEPT or RESOLVE); NULL before
ALTER TABLE dispute ADD COLUMN mediator VARCHAR(64);
-- the last follow-up's answers (follow_up.fulfilled, .satisfied); NULL while there is none
ALTER TABLE dispute ADD COLUMN follow_up_fulfilled BOOLEAN;
ALTER TABLE dispute ADD COLUMN follow_up_satisfied BOOLEAN;

UPDATE dispute SET mediator = (
    SELECT e.actor FROM dispute_event e
    WHERE e.dispute_id = dispute.id AND e.action IN ('ACCEPT', 'RESOLVE')
    ORDER BY e.id DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM dispute_event e WHERE e.dispute_id = dispute.id AND e.action IN ('ACCEPT', 'RESOLVE'));

UPDATE dispute SET
    follow_up_fulfilled = (SELECT f.fulfilled FROM follow_up f WHERE f.dispute_id = dispute.id ORDER BY f.id DESC LIMIT 1),
    follow_up_satisfied = (SELECT f.satisfied FROM follow_up f WHERE f.dispute_id = dispute.id ORDER BY f.id DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM follow_up f WHERE f.dispute_id = dispute.id);
