-- Counts, statistics and filtered pages of a county read from the index alone (bench/README.md, 1M cases).
-- The mappers now match a province, city or county on county_code (ScopeSql.countyPrefix) instead of a prefix
-- LIKE on region_code, which no (county_code, ...) index held, so every count read each matching row.
--
-- (county_code, reported_at, id, ...): the county's cases newest first (as before: id is named so the order of
-- reported_at, id stays the index order, which the page's ORDER BY needs to stop after 20 rows without a sort)
-- and every column the case-list filters and the statistics summary read, so a county's total under any filter
-- and a city's summary of a year are index-only range scans.
-- (county_code, status, category_code, reported_at): a county's cases of one status (and category) newest first,
-- so that page is read in index order and stops after 20 rows instead of sorting every match.
DROP INDEX ix_dispute_county_time ON dispute;
DROP INDEX ix_dispute_county_status ON dispute;
CREATE INDEX ix_dispute_county_cover ON dispute (county_code, reported_at, id, status, level, category_code, source,
  risk_level, overdue, ever_overdue, supervised, accepted_at, resolved_at, region_code);
CREATE INDEX ix_dispute_county_status ON dispute (county_code, status, category_code, reported_at);
-- The supervisors' standing lists of a county, each newest first and counted within its own range instead of
-- across every case of the county (a county total read ~20k index entries at 1M, 10-15 ms):
-- 红色风险 (risk_level), 超期 (overdue: only open cases carry it), and by source and level (e.g. 110 at the township).
CREATE INDEX ix_dispute_county_risk ON dispute (county_code, risk_level, reported_at);
CREATE INDEX ix_dispute_county_overdue ON dispute (county_code, overdue, reported_at);
CREATE INDEX ix_dispute_county_source ON dispute (county_code, source, level, reported_at);
