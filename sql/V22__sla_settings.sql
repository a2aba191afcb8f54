-- SLA settings the administrator changed (SPEC §2): one row per setting, overriding sanling.sla.* of the
-- configuration for deadlines set from then on. No row: the configured value.
CREATE TABLE sla_setting (
  name          VARCHAR(40)  NOT NULL PRIMARY KEY,
  setting_value VARCHAR(40)  NOT NULL,  -- an ISO-8601 duration
  updated_by    VARCHAR(64)  NOT NULL,
  updated_at    DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
