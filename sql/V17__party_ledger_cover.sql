-- The ledger's parties, covered (issue 8: the 台账 of a province at 1M cases). Written in the SQL common to MySQL 8,
-- MariaDB 10.11 and H2 in MODE=MySQL.
--
-- The ledger joins each case to its parties' role and encrypted name. Through (dispute_id) every party then needed
-- its row, and a party row is wide (three encrypted values, three hashes): at 1M cases MariaDB's share of the
-- province's export was ~5 s of the join against ~2.5 s with these columns in the index. The index replaces
-- (dispute_id), of which it is an extension: the foreign key and the case's own look-ups use it the same way.
CREATE INDEX ix_party_ledger ON dispute_party (dispute_id, id, role, name_enc);
DROP INDEX ix_party_dispute ON dispute_party;
