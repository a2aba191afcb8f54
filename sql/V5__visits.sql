-- Visits (入户走访) by grid workers and screening campaigns (专项排查). SPEC §4.

-- 专项排查: a campaign over a region and a period, optionally focused on one category
CREATE TABLE screening_campaign (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(200)  NOT NULL,
  region_code   VARCHAR(12)   NOT NULL,
  starts_on     DATE          NOT NULL,
  ends_on       DATE          NOT NULL,
  category_code VARCHAR(40),
  description   VARCHAR(2000),
  created_by    VARCHAR(64)   NOT NULL,
  created_at    DATETIME(3)   NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_campaign_region ON screening_campaign (region_code, starts_on);

-- 走访记录. address is the household's address at the time of the visit, or a free address;
-- case_no/dispute_id link the case reported from the visit's hazard (same transaction).
CREATE TABLE visit (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  grid_code     VARCHAR(15)   NOT NULL,
  household_id  BIGINT,
  address       VARCHAR(200)  NOT NULL,
  visited_at    DATETIME(3)   NOT NULL,
  kind          VARCHAR(20)   NOT NULL,                -- ROUTINE, KEY_PERSON, SCREENING
  findings      VARCHAR(2000),
  hazard        BOOLEAN       NOT NULL DEFAULT FALSE,  -- 矛盾隐患 found
  category_code VARCHAR(40),                           -- the hazard's category
  campaign_id   BIGINT,
  dispute_id    BIGINT,
  case_no       VARCHAR(20),
  visitor       VARCHAR(64)   NOT NULL,
  created_at    DATETIME(3)   NOT NULL,
  CONSTRAINT fk_visit_grid FOREIGN KEY (grid_code) REFERENCES grid (code),
  CONSTRAINT fk_visit_household FOREIGN KEY (household_id) REFERENCES household (id),
  CONSTRAINT fk_visit_campaign FOREIGN KEY (campaign_id) REFERENCES screening_campaign (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_visit_grid ON visit (grid_code, visited_at);
CREATE INDEX ix_visit_household ON visit (household_id, visited_at);
CREATE INDEX ix_visit_campaign ON visit (campaign_id, grid_code, household_id);
CREATE INDEX ix_visit_visitor ON visit (visitor, visited_at);
