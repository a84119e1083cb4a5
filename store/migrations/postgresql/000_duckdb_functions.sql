-- PostgreSQL only, before everything else: what the shared statements take from DuckDB,
-- and where original files are kept.
--
-- list_contains(list, x): the shared queries' list test ($groups IS NULL OR
-- list_contains($groups, group_code)). A one-line SQL function, inlined by the planner
-- into x = ANY(list).
CREATE FUNCTION list_contains(list anycompatiblearray, element anycompatible)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT element = ANY(list) $$;

-- contains(text, part): DuckDB's substring test (the audit filter).
CREATE FUNCTION contains(haystack text, needle text)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT strpos(haystack, needle) > 0 $$;

-- Vietnamese order for names (Đ after D), as DuckDB's ICU collation "vi" sorts them.
CREATE COLLATION IF NOT EXISTS vi (provider = icu, locale = 'vi-VN');

-- The original bytes of every loaded file, by the sha256 of the bytes (on DuckDB they are
-- files beside the database; several app servers need them in the database).
CREATE TABLE blob (
    sha256 TEXT PRIMARY KEY,
    data   BYTEA NOT NULL
);
