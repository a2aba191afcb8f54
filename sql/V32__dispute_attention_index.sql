-- The open cases that need attention (overdue, or under 督办), most urgent first: the supervisors' worklist
-- (DisputeMapper.attention) and the dashboard's list (ReportMapper.attention) choose their first 100-200 from this
-- index alone and read only those cases' rows. Written in the SQL common to MySQL 8, MariaDB 10.11 and H2 in
-- MODE=MySQL.
--
-- Both lists read the row of every matching case before sorting: through (county_code, status, ...) MariaDB walked
-- the area's ~132k unfinished cases at 1M and read the rows of the ~18k that need attention, with a region name
-- joined to each. The province's worklist took ~1 s, its dashboard's list ~0.4 s, a city's worklist ~0.1-0.2 s
-- (bench/README.md, twenty-ninth session). The statements spell the condition out per (overdue, supervised) pair, so
-- every range of this index is bounded by the area's county prefix; the sort keys (status, risk, due time) and the
-- region code (a scope below a county) are in it. Its write cost is one more index entry per case, moved when a case's
-- status, deadline, risk or flags change.
CREATE INDEX ix_dispute_attention ON dispute (overdue, supervised, county_code, status, risk_level, due_at,
    region_code);
