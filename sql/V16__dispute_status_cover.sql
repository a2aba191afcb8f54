-- The open cases of a county, covered (issue 8: statistics at 1M cases). Written in the SQL common to MySQL 8,
-- MariaDB 10.11 and H2 in MODE=MySQL.
--
-- The summary counts the finished cases of whole months from finished_case_count (V13) and only the open cases
-- (and the partial months) from the cases. MariaDB reads the open cases of a city's year through
-- (county_code, status, ...): ~6.7k entries at 1M cases, but each then needed its row for the level, source and
-- flags (143 ms; the same through the (county_code, reported_at, ...) cover, reading all ~50k cases of the year:
-- 31 ms). With those columns in the index the open cases are read from the index alone. The prefix is unchanged,
-- so the case list's status pages keep their order.
DROP INDEX ix_dispute_county_status ON dispute;
CREATE INDEX ix_dispute_county_status ON dispute (county_code, status, category_code, reported_at, level, source,
    accepted_at, overdue, ever_overdue, supervised, resolved_at);
