-- Oversight (issue 6): 三零 incidents register, 司法确认 records, and the "ever overdue" mark of a case.
-- Written in the SQL common to MySQL 8, MariaDB 10.11 and H2 in MODE=MySQL.

-- 是否超期 / 按期化解率 need to know whether a case ever missed a deadline; the live `overdue` flag is cleared when
-- the case moves on (accepted, escalated, resolved). Maintained by the dispute module on every transition that
-- sets `overdue` and on an SLA auto-escalation (TIMEOUT_ESCALATE); back-filled here from the timeline.
ALTER TABLE dispute ADD COLUMN ever_overdue BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE dispute SET ever_overdue = TRUE
WHERE overdue = TRUE
   OR id IN (SELECT dispute_id FROM dispute_event WHERE action IN ('OVERDUE', 'TIMEOUT_ESCALATE'));

-- 三零 incidents register: 上访 (incl. 越级访), 安全事故, 刑事案件 (from_dispute = 民转刑), recorded per village
CREATE TABLE sanling_incident (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  type         VARCHAR(20)   NOT NULL,                -- PETITION, ACCIDENT, CRIMINAL_CASE
  region_code  VARCHAR(12)   NOT NULL,                -- the village
  occurred_at  DATETIME(3)   NOT NULL,
  summary      VARCHAR(1000) NOT NULL,
  case_id      BIGINT,                                -- optional link to a dispute case
  from_dispute BOOLEAN       NOT NULL DEFAULT FALSE,  -- 民转刑: a criminal case that grew out of a dispute
  recorded_by  VARCHAR(64)   NOT NULL,
  recorded_at  DATETIME(3)   NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_incident_region ON sanling_incident (region_code, occurred_at);

-- 司法确认: a party applies to the court within 30 days of signing the agreement; the court confirms or rejects
CREATE TABLE judicial_confirmation (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dispute_id   BIGINT        NOT NULL,
  region_code  VARCHAR(15)   NOT NULL,                -- copied from the case: the scope key
  court        VARCHAR(100)  NOT NULL,
  applicants   VARCHAR(200)  NOT NULL,                -- which parties applied (jointly, as the law asks)
  applied_on   DATE          NOT NULL,
  recorded_by  VARCHAR(64)   NOT NULL,
  recorded_at  DATETIME(3)   NOT NULL,
  result       VARCHAR(20),                           -- NULL while pending; CONFIRMED or REJECTED
  result_on    DATE,
  ruling_no    VARCHAR(100),                          -- 民事裁定书 number
  result_note  VARCHAR(1000),
  result_by    VARCHAR(64),
  version      INT           NOT NULL DEFAULT 0,
  CONSTRAINT fk_judicial_dispute FOREIGN KEY (dispute_id) REFERENCES dispute (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_judicial_dispute ON judicial_confirmation (dispute_id);
