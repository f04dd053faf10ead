-- More indexes behind the query API's reads (query-api), found by its 10M-turn benchmark.

-- Sessions with a turn in a range: those that started in it, plus those that started at most the tenant's longest
-- session before it (session_rollups_tenant_duration_idx gives that at once). Carrying last_seen makes the count an
-- index-only range scan.
DROP INDEX IF EXISTS session_rollups_tenant_first_seen_idx;
CREATE INDEX session_rollups_tenant_first_seen_idx ON session_rollups (tenant_id, first_seen) INCLUDE (last_seen);

-- One key's windows in a range (a late turn's key is read through its smaller windows; filters on one model or
-- agent): key first, then the window, so each read is one precise index range. Keys and windows never change on the
-- sink's upserts, so these do not stop HOT updates.
CREATE INDEX IF NOT EXISTS model_rollups_tenant_key_idx
    ON model_rollups (tenant_id, window_size, model, project, provider, window_start);
CREATE INDEX IF NOT EXISTS agent_rollups_tenant_key_idx ON agent_rollups (tenant_id, window_size, agent, window_start);
CREATE INDEX IF NOT EXISTS tool_rollups_tenant_key_idx ON tool_rollups (tenant_id, window_size, tool, window_start);
