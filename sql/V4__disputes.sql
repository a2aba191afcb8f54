-- The dispute case (矛盾纠纷) and everything that hangs off it. Flowable owns ACT_* tables; the process
-- instance id and the current user task are mirrored here so the worklist is one indexed query.

CREATE TABLE dispute (
  id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_no             VARCHAR(20)   NOT NULL,
  title               VARCHAR(200)  NOT NULL,
  description         VARCHAR(4000) NOT NULL,
  category_code       VARCHAR(40)   NOT NULL,
  sub_category_code   VARCHAR(40),
  county_code         VARCHAR(6)    NOT NULL,
  village_code        VARCHAR(12)   NOT NULL,
  grid_code           VARCHAR(15),
  region_code         VARCHAR(15)   NOT NULL,       -- grid code if known, else village code: the scope key
  source              VARCHAR(20)   NOT NULL,
  occurred_at         DATETIME(3),
  risk_level          VARCHAR(10)   NOT NULL,
  risk_flags          VARCHAR(200),                 -- comma-separated flag codes
  status              VARCHAR(20)   NOT NULL,
  level               VARCHAR(10)   NOT NULL,
  due_at              DATETIME(3),
  overdue             BOOLEAN       NOT NULL DEFAULT FALSE,
  supervised          BOOLEAN       NOT NULL DEFAULT FALSE,
  extended_levels     VARCHAR(40),                  -- levels at which EXTEND was used (once per level)
  process_instance_id VARCHAR(64),
  current_task_id     VARCHAR(64),
  current_task        VARCHAR(20),                  -- ACCEPT, MEDIATE, FOLLOW_UP or NULL when no task is open
  visit_id            BIGINT,
  reported_by         VARCHAR(64)   NOT NULL,
  reported_at         DATETIME(3)   NOT NULL,
  accepted_at         DATETIME(3),
  resolved_at         DATETIME(3),
  closed_at           DATETIME(3),
  updated_at          DATETIME(3)   NOT NULL,
  agreement_type      VARCHAR(10),
  agreement_text      VARCHAR(4000),
  fulfilment          VARCHAR(10),
  refer_to            VARCHAR(20),
  refer_reason        VARCHAR(1000),
  version             INT           NOT NULL DEFAULT 0,
  CONSTRAINT uq_dispute_case_no UNIQUE (case_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_dispute_region ON dispute (region_code, reported_at);
CREATE INDEX ix_dispute_work ON dispute (current_task, level, region_code, due_at);
CREATE INDEX ix_dispute_status ON dispute (status, region_code);
CREATE INDEX ix_dispute_process ON dispute (process_instance_id);

-- 当事人; name, ID number and phone are AES-GCM ciphertext (base64) plus a keyed hash for exact search
CREATE TABLE dispute_party (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dispute_id     BIGINT       NOT NULL,
  role           VARCHAR(12)  NOT NULL,
  name_enc       VARCHAR(400) NOT NULL,
  name_hash      CHAR(64)     NOT NULL,
  id_number_enc  VARCHAR(400),
  id_number_hash CHAR(64),
  phone_enc      VARCHAR(400),
  phone_hash     CHAR(64),
  CONSTRAINT fk_party_dispute FOREIGN KEY (dispute_id) REFERENCES dispute (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_party_dispute ON dispute_party (dispute_id);
CREATE INDEX ix_party_name_hash ON dispute_party (name_hash);
CREATE INDEX ix_party_id_hash ON dispute_party (id_number_hash);
CREATE INDEX ix_party_phone_hash ON dispute_party (phone_hash);

-- the case timeline, oldest first by id
CREATE TABLE dispute_event (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dispute_id  BIGINT        NOT NULL,
  at          DATETIME(3)   NOT NULL,
  actor       VARCHAR(64)   NOT NULL,
  action      VARCHAR(30)   NOT NULL,
  from_status VARCHAR(20),
  to_status   VARCHAR(20),
  level       VARCHAR(10),
  note        VARCHAR(2000),
  CONSTRAINT fk_event_dispute FOREIGN KEY (dispute_id) REFERENCES dispute (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_event_dispute ON dispute_event (dispute_id, id);

-- 调解笔录
CREATE TABLE mediation_session (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dispute_id  BIGINT        NOT NULL,
  at          DATETIME(3)   NOT NULL,
  mediator    VARCHAR(64)   NOT NULL,
  level       VARCHAR(10)   NOT NULL,
  note        VARCHAR(4000) NOT NULL,
  attendees   VARCHAR(500),
  CONSTRAINT fk_session_dispute FOREIGN KEY (dispute_id) REFERENCES dispute (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_session_dispute ON mediation_session (dispute_id);

-- 回访
CREATE TABLE follow_up (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dispute_id  BIGINT        NOT NULL,
  at          DATETIME(3)   NOT NULL,
  actor       VARCHAR(64)   NOT NULL,
  fulfilled   BOOLEAN       NOT NULL,
  satisfied   BOOLEAN       NOT NULL,
  note        VARCHAR(2000),
  CONSTRAINT fk_follow_up_dispute FOREIGN KEY (dispute_id) REFERENCES dispute (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_follow_up_dispute ON follow_up (dispute_id);

-- 督办
CREATE TABLE supervision_order (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dispute_id    BIGINT        NOT NULL,
  created_at    DATETIME(3)   NOT NULL,
  supervisor    VARCHAR(64)   NOT NULL,
  automatic     BOOLEAN       NOT NULL DEFAULT FALSE,
  note          VARCHAR(2000) NOT NULL,
  due_at        DATETIME(3),
  responded_at  DATETIME(3),
  responder     VARCHAR(64),
  response_note VARCHAR(2000),
  CONSTRAINT fk_supervision_dispute FOREIGN KEY (dispute_id) REFERENCES dispute (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_supervision_dispute ON supervision_order (dispute_id);

-- in-app notifications (RED alerts, overdue warnings), addressed to a role in a region
CREATE TABLE notification (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dispute_id       BIGINT        NOT NULL,
  at               DATETIME(3)   NOT NULL,
  recipient_role   VARCHAR(30)   NOT NULL,
  recipient_region VARCHAR(15)   NOT NULL,
  kind             VARCHAR(30)   NOT NULL,
  message          VARCHAR(500)  NOT NULL,
  CONSTRAINT fk_notification_dispute FOREIGN KEY (dispute_id) REFERENCES dispute (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_notification_recipient ON notification (recipient_region, at);
CREATE INDEX ix_notification_dispute ON notification (dispute_id);

-- Idempotency-Key of POST /api/v1/disputes: same key + same user -> same case
CREATE TABLE idempotency_key (
  username   VARCHAR(64)  NOT NULL,
  idem_key   VARCHAR(100) NOT NULL,
  dispute_id BIGINT,
  created_at DATETIME(3)  NOT NULL,
  PRIMARY KEY (username, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- gap-free case numbers per county and year: the row is locked by the creating transaction
CREATE TABLE case_counter (
  county_code VARCHAR(6) NOT NULL,
  case_year   INT        NOT NULL,
  last_value  INT        NOT NULL,
  PRIMARY KEY (county_code, case_year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Risk grading rules (风险等级): the case's risk is the highest level of all matching rules, BLUE if none.
-- kind FLAG matches a reporter-ticked flag, CATEGORY / SUB_CATEGORY a classification, SOURCE the source.
CREATE TABLE risk_rule (
  id          INT          NOT NULL PRIMARY KEY,
  kind        VARCHAR(20)  NOT NULL,
  match_value VARCHAR(40)  NOT NULL,
  risk_level  VARCHAR(10)  NOT NULL,
  description VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO risk_rule (id, kind, match_value, risk_level, description) VALUES
(1,  'FLAG',         'THREAT',                   'RED',    '扬言报复'),
(2,  'FLAG',         'WEAPON',                   'RED',    '持械'),
(3,  'FLAG',         'SUICIDE',                  'RED',    '自杀倾向'),
(4,  'FLAG',         'DOMESTIC_VIOLENCE',        'ORANGE', '家暴'),
(5,  'FLAG',         'GROUP',                    'ORANGE', '群体（5 人以上）'),
(6,  'FLAG',         'REPEATED',                 'YELLOW', '同一当事人重复纠纷'),
(7,  'SUB_CATEGORY', 'FAMILY_DOMESTIC_VIOLENCE', 'ORANGE', '家庭暴力'),
(8,  'SUB_CATEGORY', 'OTHER_LAND_EXPROPRIATION', 'YELLOW', '征地拆迁易引发群体事件'),
(9,  'CATEGORY',     'EMOTIONAL',                'YELLOW', '情感纠纷易激化（民转刑）'),
(10, 'SOURCE',       'POLICE_110',               'YELLOW', '110 警情转入');
