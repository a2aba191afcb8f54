-- SANLING_PII_KEY is checked at every start against a value it encrypted at the first start (PiiKeyCheck): a node
-- given another key refuses to start instead of writing parties no other node can read.
CREATE TABLE pii_key_check (
  id          INT          NOT NULL PRIMARY KEY,
  check_enc   VARCHAR(200) NOT NULL,
  created_at  DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
