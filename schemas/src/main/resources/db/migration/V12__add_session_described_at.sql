-- When each descriptive field of a session rollup (project, agent, user_id, recording_id) was reported: the
-- occurred_at of the turn it came from, as JSON ({"project": ..., "agent": ..., "user": ..., "recording": ...}).
-- The sink adds each batch's new turns to the stored row (io.agentmeter.aggregator.sink.jdbc.RollupLedger), and
-- needs these times to keep the value of the latest turn in event time whatever order turns arrive in. NULL (rows
-- of older builds) means unknown: any reported value replaces it.
ALTER TABLE session_rollups ADD COLUMN described_at jsonb;
