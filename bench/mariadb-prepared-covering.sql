-- MariaDB 10.11 runs a re-executed server-side prepared statement with the covering indexes that the last statement
-- to use the table left behind (bench/README.md, twenty-fourth session; why ReadsPreparedOnClient exists).
-- Run: mariadb -uroot test < bench/mariadb-prepared-covering.sql   (creates and drops the table covering_demo)
-- Seen on 10.11.19 (SHOW PROFILES at the end): executions 1, 2 and 4 read the index alone, 3.3 ms; execution 3, after
-- a statement that read a column outside the index, reads each entry's row too, 23.3 ms; the same query as text,
-- 3.5 ms. With log_slow_verbosity='explain', the slow log shows "Using where; Using index" for 1, 2 and 4 and
-- "Using where" for 3. A statement prepared again gets its own plan.
DROP TABLE IF EXISTS covering_demo;
CREATE TABLE covering_demo (id BIGINT PRIMARY KEY, code VARCHAR(12) NOT NULL, note VARCHAR(200) NOT NULL,
  KEY ix_code (code)) ENGINE=InnoDB;
INSERT INTO covering_demo SELECT seq, CONCAT('41', LPAD(seq % 97, 4, '0')), REPEAT('x', 150) FROM seq_1_to_200000;
ANALYZE TABLE covering_demo;
SET @prefix = '41001';
SET profiling = 1;
PREPARE counted FROM "SELECT COUNT(*) FROM covering_demo WHERE code LIKE CONCAT(?, '%')";
EXECUTE counted USING @prefix;                                 -- 1: prepared, index only
EXECUTE counted USING @prefix;                                 -- 2: again, index only
SELECT code FROM covering_demo WHERE id = 5;                   -- a statement that the index covers
SELECT note FROM covering_demo WHERE id = 5;                   -- a statement that reads a column outside the index
EXECUTE counted USING @prefix;                                 -- 3: now index range plus a row read per entry
SELECT COUNT(*) FROM covering_demo WHERE code LIKE CONCAT('41001', '%');    -- the same as text: index only
SELECT code FROM covering_demo WHERE id = 5;
EXECUTE counted USING @prefix;                                 -- 4: index only again
SHOW PROFILES;
DEALLOCATE PREPARE counted;
DROP TABLE covering_demo;
