-- Audit entries whose action has committed but which are not yet linked into the hash chain (audit_log).
-- An action writes its entry here inside its own transaction, without locking anything; right after the commit
-- the entries are sealed into audit_log, many at a time, in one short transaction under audit_head's row lock.
-- Before, every writing transaction held that lock from its audit append to its commit, so all writes queued on
-- it. An entry stays here only if its node stopped between the commit and the seal; the next seal links it.
CREATE TABLE audit_pending (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
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
  detail      VARCHAR(500)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
