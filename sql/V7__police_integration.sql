-- 110 command-platform integration (SPEC §8): alerts taken in, and the transactional outbox that carries the
-- feedback back. No party data is kept here: the caller is a party of the case, encrypted there.

-- One row per 110 alert (警情). The primary key on alert_id is claimed first in the intake transaction, so a
-- duplicate alert (also one arriving at the same moment) finds the first one's row instead of opening a second case.
CREATE TABLE police_alert (
  alert_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
  alert_type     VARCHAR(30)  NOT NULL,
  village_code   VARCHAR(12)  NOT NULL,
  received_at    DATETIME(3)  NOT NULL,                -- when the 110 platform took the call
  created_at     DATETIME(3)  NOT NULL,                -- when Sanling took the alert in
  payload_sha256 CHAR(64)     NOT NULL,                -- of the raw body, to tell a replay from a changed resend
  dispute_id     BIGINT,
  case_no        VARCHAR(20)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_police_alert_dispute ON police_alert (dispute_id);

-- Transactional outbox: a row is written in the transaction of the change it reports and sent afterwards, at
-- least once, by any node's relay. A relay claims a row by setting claim_token and lease_until (rows are picked
-- with SELECT ... FOR UPDATE SKIP LOCKED and claimed with a conditional UPDATE), so two nodes never send the
-- same row at once; a node that dies mid-send leaves a lease that expires and the row is sent again.
CREATE TABLE outbox_message (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  message_id      CHAR(36)      NOT NULL,              -- stable across retries: the receiver de-duplicates by it
  topic           VARCHAR(40)   NOT NULL,              -- police110.feedback
  dispute_id      BIGINT        NOT NULL,
  region_code     VARCHAR(15)   NOT NULL,
  alert_id        VARCHAR(64),
  case_no         VARCHAR(20)   NOT NULL,
  case_status     VARCHAR(20)   NOT NULL,
  payload         VARCHAR(4000) NOT NULL,              -- the JSON body, exactly as sent
  state           VARCHAR(10)   NOT NULL,              -- PENDING, DELIVERED, DEAD
  attempts        INT           NOT NULL DEFAULT 0,
  created_at      DATETIME(3)   NOT NULL,
  next_attempt_at DATETIME(3)   NOT NULL,
  last_attempt_at DATETIME(3),
  delivered_at    DATETIME(3),
  last_error      VARCHAR(500),
  claimed_by      VARCHAR(100),                        -- node that sent (or is sending) it last
  claim_token     CHAR(36),
  lease_until     DATETIME(3),
  CONSTRAINT uq_outbox_message_id UNIQUE (message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_outbox_due ON outbox_message (state, next_attempt_at);
CREATE INDEX ix_outbox_dispute ON outbox_message (dispute_id);
