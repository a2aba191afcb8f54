-- Counts of finished cases per county and month of report (issue 8: statistics of a city's year at 1M cases in
-- under 100 ms). Written in the SQL common to MySQL 8, MariaDB 10.11 and H2 in MODE=MySQL.
--
-- A finished case (CLOSED, REJECTED, REFERRED, WITHDRAWN) takes no further action (SPEC §3), so what the statistics
-- summary counts of it never changes again. The summary reads these counts for the whole months of its period and
-- counts only the open cases and the partial months at the period's ends from the cases themselves: a city's year
-- is a few thousand rows here instead of ~50,000 cases.
--
-- One row per county, month (China time, YYYY-MM) and value of one dimension: STATUS, LEVEL, CATEGORY or SOURCE
-- (the summary needs each breakdown on its own, not their combinations). The measures are kept on the STATUS rows
-- only (zero on the others); totals are the sum of a month's STATUS rows. Kept exact in the transaction of every
-- change of a case into (or, never in practice, out of) a finished status: FinishedCaseCounts. Filled from the
-- existing cases by the Java migration V14 (the month of a stored time needs the application's time zone).
CREATE TABLE finished_case_count (
  county_code       VARCHAR(6)   NOT NULL,
  report_month      CHAR(7)      NOT NULL,
  dimension         VARCHAR(10)  NOT NULL,
  dim_value         VARCHAR(40)  NOT NULL,
  cases             BIGINT       NOT NULL,
  accepted          BIGINT       NOT NULL,
  resolved_on_time  BIGINT       NOT NULL,
  overdue           BIGINT       NOT NULL,
  ever_overdue      BIGINT       NOT NULL,
  supervised        BIGINT       NOT NULL,
  resolve_seconds   BIGINT       NOT NULL,
  resolve_count     BIGINT       NOT NULL,
  PRIMARY KEY (county_code, report_month, dimension, dim_value)
);
