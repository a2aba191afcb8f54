-- The administrators' account list (UserFilter) served from indexes at province scale (issue 8). Written in the SQL
-- common to MySQL 8, MariaDB 10.11 and H2 in MODE=MySQL.
--
-- At 212,707 accounts (the bench's Henan) every filter of the list read the table: MariaDB walked the username index
-- in the list's order and read each account's row to test the filter, 110-220 ms per statement, and counted by
-- reading every row. With these, by filter (list + count, MariaDB):
--   role, role and area, area, state (locked, disabled): found in their index, 0-30 ms;
--   part of a name: no index can find it, but the list walks ix_app_user_list alone (UserMapper.list), 70-80 ms.
-- ix_app_user_list holds every column a filter tests, in the list's order, so a walk in that order needs no row.
CREATE INDEX ix_app_user_list ON app_user (username, display_name, role, region_code, enabled, locked_until);
CREATE INDEX ix_app_user_role ON app_user (role, region_code, username);
CREATE INDEX ix_app_user_region ON app_user (region_code, username);
CREATE INDEX ix_app_user_locked ON app_user (locked_until);
CREATE INDEX ix_app_user_enabled ON app_user (enabled);
