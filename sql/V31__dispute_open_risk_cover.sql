-- The villages at risk of a 三零 board (an open RED case; SanlingMapper.villagesAtRisk) read from an index alone.
-- Written in the SQL common to MySQL 8, MariaDB 10.11 and H2 in MODE=MySQL.
--
-- The statement reads the open cases of a region (status, region_code prefix) and keeps the RED ones reported before
-- the year's end. Through (status, region_code) MariaDB read each open case's row for its risk, time and village: a
-- city's ~20k at 1M cases, and for the province it scanned the table instead (1,042,721 rows, 0.5-0.7 s of each
-- province board; bench/README.md, twenty-eighth session). With those columns in the index it is read alone. The
-- prefix is unchanged, so every plan that used the index still can; only a change of a case's risk level, which is
-- rare, now updates it too.
DROP INDEX ix_dispute_status ON dispute;
CREATE INDEX ix_dispute_status ON dispute (status, region_code, risk_level, reported_at, village_code);
