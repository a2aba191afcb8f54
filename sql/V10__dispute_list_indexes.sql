-- The case list (GET /api/v1/disputes) of a county or anything under it, newest first: with 1M cases a busy
-- county holds 50k, and the old plans read every matching row through (status, region_code) or
-- (region_code, reported_at) and sorted them for a page of 20. The mapper adds county_code = <first 6 digits>
-- to the region filter; (county_code, reported_at) then walks the county's cases newest first and stops after
-- the page, and (county_code, status, category_code) counts the common filters from the index alone.
-- EXPLAIN before/after: bench/results/explain-quick.md and bench/README.md.
CREATE INDEX ix_dispute_county_time ON dispute (county_code, reported_at);
CREATE INDEX ix_dispute_county_status ON dispute (county_code, status, category_code);
