-- Indexes behind the query API's reads (query-api). Every query is bounded by tenant and time; these keep the
-- bounded reads short.

-- The minutes holding a late turn: the query API reads those minutes from the turns table instead of the rollups,
-- because the aggregator leaves late turns out of the windows whose grace they missed.
CREATE INDEX turns_tenant_late_idx ON turns (tenant_id, occurred_at) WHERE late;

-- Sessions active in a range: by first turn (the last-turn index exists in V3).
CREATE INDEX session_rollups_tenant_first_seen_idx ON session_rollups (tenant_id, first_seen);

-- Top sessions by turns, tokens (input + output) and duration (cost has its index in V3).
CREATE INDEX session_rollups_tenant_turns_idx ON session_rollups (tenant_id, turns DESC, session_id);
CREATE INDEX session_rollups_tenant_tokens_idx
    ON session_rollups (tenant_id, (coalesce(input_tokens, 0) + coalesce(output_tokens, 0)) DESC, session_id);
CREATE INDEX session_rollups_tenant_duration_idx
    ON session_rollups (tenant_id, (last_seen - first_seen) DESC, session_id);
