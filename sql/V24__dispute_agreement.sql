-- Every agreement a case was resolved with, oldest first. A follow-up that finds an agreement not fulfilled sends the
-- case back to mediation, and its next RESOLVE used to overwrite the case row's agreement: the first one, perhaps
-- confirmed by a court, was lost. The case row keeps the latest (the case JSON's resolution, the ledger); this table
-- keeps them all, with the parts of a written agreement Art. 35 of 人民调解工作若干规定 names, as the mediator gave
-- them, and the day it was signed on paper. Cases resolved before this migration have no rows here: their one
-- agreement is the case row's.
CREATE TABLE dispute_agreement (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dispute_id      BIGINT        NOT NULL,
  level           VARCHAR(10)   NOT NULL,
  agreement_type  VARCHAR(10)   NOT NULL,
  fulfilment      VARCHAR(10)   NOT NULL,
  agreement_text  VARCHAR(4000) NOT NULL,   -- the whole text, as the case row holds it
  facts           VARCHAR(1000),            -- 纠纷事实、争议事项
  responsibility  VARCHAR(1000),            -- 各方责任
  obligations     VARCHAR(2000),            -- 协议内容（权利义务）
  performance     VARCHAR(1000),            -- 履行方式、地点、期限
  other_terms     VARCHAR(2000),            -- anything else agreed
  signed_on       DATE,                     -- signed on paper; NULL: the day it was recorded
  resolved_by     VARCHAR(64)   NOT NULL,
  resolved_at     DATETIME(3)   NOT NULL,
  CONSTRAINT fk_agreement_dispute FOREIGN KEY (dispute_id) REFERENCES dispute (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_agreement_dispute ON dispute_agreement (dispute_id, id);

-- SPEC §3: session records (调解笔录) are recorded as signed on paper, with the date, as the agreement is.
ALTER TABLE mediation_session ADD COLUMN signed_on DATE NULL;
