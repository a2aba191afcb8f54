-- Foundation schema: organisation (regions, grids, households), reference data, accounts, audit log.
-- Written in the SQL common to MySQL 8, MariaDB 10.11 and H2 in MODE=MySQL.

CREATE TABLE region (
  code        VARCHAR(12)  NOT NULL PRIMARY KEY,   -- 统计用区划代码, 2/4/6/9/12 digits
  name        VARCHAR(100) NOT NULL,
  level       VARCHAR(10)  NOT NULL,               -- PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE
  parent_code VARCHAR(12)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_region_parent ON region (parent_code);

-- 网格: a village is cut into grids; code = village code + 3 digits
CREATE TABLE grid (
  code         VARCHAR(15)  NOT NULL PRIMARY KEY,
  village_code VARCHAR(12)  NOT NULL,
  name         VARCHAR(100) NOT NULL,
  CONSTRAINT fk_grid_village FOREIGN KEY (village_code) REFERENCES region (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_grid_village ON grid (village_code);

-- 住户
CREATE TABLE household (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  grid_code    VARCHAR(15)  NOT NULL,
  address      VARCHAR(200) NOT NULL,
  head_name    VARCHAR(50)  NOT NULL,
  members      INT          NOT NULL,
  tags         VARCHAR(200),                      -- comma-separated: KEY_PERSON, LEFT_BEHIND, ELDERLY_ALONE
  created_at   DATETIME(3)  NOT NULL,
  CONSTRAINT fk_household_grid FOREIGN KEY (grid_code) REFERENCES grid (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_household_grid ON household (grid_code);

-- 六防六促 categories and their sub-categories (parent_code set); data, editable by ADMIN
CREATE TABLE category (
  code        VARCHAR(40)  NOT NULL PRIMARY KEY,
  parent_code VARCHAR(40),
  name        VARCHAR(50)  NOT NULL,
  slogan      VARCHAR(100),
  sort_order  INT          NOT NULL,
  enabled     BOOLEAN      NOT NULL DEFAULT TRUE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_category_parent ON category (parent_code);

CREATE TABLE app_user (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username        VARCHAR(64)  NOT NULL,
  display_name    VARCHAR(100) NOT NULL,
  password_hash   VARCHAR(200) NOT NULL,
  role            VARCHAR(20)  NOT NULL,
  region_code     VARCHAR(15),                    -- scope: a region or grid code; NULL = whole system (ADMIN, AUDITOR, POLICE_110)
  enabled         BOOLEAN      NOT NULL DEFAULT TRUE,
  failed_attempts INT          NOT NULL DEFAULT 0,
  locked_until    DATETIME(3),
  created_at      DATETIME(3)  NOT NULL,
  updated_at      DATETIME(3)  NOT NULL,
  version         INT          NOT NULL DEFAULT 0,
  CONSTRAINT uq_app_user_username UNIQUE (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Append-only, hash-chained audit log. id is allocated from audit_head under its row lock, so ids are
-- contiguous and every row's hash covers the previous row's hash (tamper-evident chain).
CREATE TABLE audit_log (
  id          BIGINT       NOT NULL PRIMARY KEY,
  at          DATETIME(3)  NOT NULL,
  actor       VARCHAR(64)  NOT NULL,
  role        VARCHAR(20),
  action      VARCHAR(40)  NOT NULL,
  target_type VARCHAR(30),
  target_id   VARCHAR(64),
  region_code VARCHAR(15),
  from_status VARCHAR(20),
  to_status   VARCHAR(20),
  client_ip   VARCHAR(64),
  result      VARCHAR(20)  NOT NULL,
  detail      VARCHAR(500),
  prev_hash   CHAR(64)     NOT NULL,
  hash        CHAR(64)     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_audit_target ON audit_log (target_type, target_id);
CREATE INDEX ix_audit_actor ON audit_log (actor, at);
CREATE INDEX ix_audit_at ON audit_log (at);

CREATE TABLE audit_head (
  id        INT      NOT NULL PRIMARY KEY,
  last_id   BIGINT   NOT NULL,
  last_hash CHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO audit_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Marks one-time data loads (demo data) so a restart does not load them again.
CREATE TABLE data_load (
  name       VARCHAR(64) NOT NULL PRIMARY KEY,
  loaded_at  DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
