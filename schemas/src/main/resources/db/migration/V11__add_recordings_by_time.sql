-- Recordings by time (docs/architecture.md): a turn without a recording_id of its own belongs to the recording of
-- its (tenant, user) whose [started_at, stopped_at) holds its occurred_at, whatever order the turns, the start and
-- the stop arrived in. It is resolved where turns are read, never stored with the turn, so a start or stop that
-- arrives late changes every answer at once. (The ingest gateway stops a user's open recording when it starts the
-- next, so spans do not overlap; if they ever did, the latest start wins.)
CREATE FUNCTION recording_at(p_tenant text, p_user text, p_at timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT r.recording_id FROM recordings r
    WHERE r.tenant_id = p_tenant AND r.user_id = p_user AND r.started_at <= p_at
      AND (r.stopped_at IS NULL OR p_at < r.stopped_at)
    ORDER BY r.started_at DESC, r.recording_id DESC
    LIMIT 1
$$;

-- Every turn of every recording, with the recording it belongs to (of_recording): the turns that name it, and
-- the turns of its user that name none and fall in its span. Read with tenant_id and of_recording bound.
CREATE VIEW recording_turns AS
SELECT rec.recording_id AS of_recording, t.*
FROM recordings rec
JOIN turns t ON t.tenant_id = rec.tenant_id
    AND (t.recording_id = rec.recording_id
         OR (t.recording_id IS NULL AND t.user_id = rec.user_id AND t.occurred_at >= rec.started_at
             AND (rec.stopped_at IS NULL OR t.occurred_at < rec.stopped_at)
             AND recording_at(t.tenant_id, t.user_id, t.occurred_at) = rec.recording_id));

-- The span side of that join: a user's turns without a recording of their own, by time.
CREATE INDEX turns_tenant_user_time_idx ON turns (tenant_id, user_id, occurred_at)
    WHERE recording_id IS NULL AND user_id IS NOT NULL;
