-- PostgreSQL only: the settings of a new connection (DuckDB has none to set).
-- Run once on every new connection of the app (PostgresBackend._connect). JIT stays on
-- for what it does cheaply (compiling expressions and tuple deforming, which the status of
-- a million obligations gains from), but never inlines or optimises with LLVM: past the
-- default cost of 500,000 those passes compile for about as long as the query then runs
-- (the comparison series), more than they ever save here.
SET jit_inline_above_cost = -1;
SET jit_optimize_above_cost = -1;
-- Memory for a sort or hash before it spills to disk: the default 4 MB made the count of
-- the export page (table_counts: 175k groups of a million status rows on the bench) and
-- the status join itself write their hash tables to disk in batches. 32 MB (64 MB for a
-- hash, with the default hash_mem_multiplier of 2) holds them; a query uses it only as it
-- needs, per sort or hash node.
SET work_mem = '32MB';
