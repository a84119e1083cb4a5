-- PostgreSQL only: the settings of a new connection (DuckDB has none to set).
-- Run once on every new connection of the app (PostgresBackend._connect). JIT stays on
-- for what it does cheaply (compiling expressions and tuple deforming, which the status of
-- a million obligations gains from), but never inlines or optimises with LLVM: past the
-- default cost of 500,000 those passes compile for about as long as the query then runs
-- (the comparison series), more than they ever save here.
SET jit_inline_above_cost = -1;
SET jit_optimize_above_cost = -1;
