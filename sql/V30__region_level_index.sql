-- The counties under a city or the province (RegionService.countyCodesUnder), which every city or province report
-- reads to match cases by county (StatisticsService.area), found in an index. Written in the SQL common to MySQL 8,
-- MariaDB 10.11 and H2 in MODE=MySQL.
--
-- The statement (`level = 'COUNTY' AND code LIKE '41%'`) walked the primary key over every region under the prefix
-- and tested each row's level: the province's 55,164 regions for its 181 counties, ~9 ms, five times in each of the
-- province dashboard's requests (bench/README.md, twenty-eighth session). By (level, code) it reads the counties alone.
CREATE INDEX ix_region_level ON region (level, code);
