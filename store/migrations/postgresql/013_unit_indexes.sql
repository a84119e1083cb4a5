-- 013, PostgreSQL's own (DuckDB has no 013): indexes on the unit of an obligation and of a
-- report row, for the reads of one unit (a reminder letter, a unit's detail on the
-- ranking page). Without them PostgreSQL scanned both tables whole for one unit's few
-- thousand rows (0.24 s on the bench's million obligations, against a few ms). DuckDB
-- narrows such scans with its zone maps and needs none (its indexes also slow writes).
CREATE INDEX obligation_unit ON obligation (unit_id);
CREATE INDEX report_row_unit ON report_row (unit_id);
