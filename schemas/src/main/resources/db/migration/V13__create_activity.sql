-- Session activity (issue 19): what an agent did between its turns (tool calls and decisions, replies, errors,
-- prompts), one row per activity event (schema v1, activity-event.v1.schema.json). Never counted as spend: no
-- rollup reads this table. Written by the writer (sink) from the agent-activity topic.
--
-- Partitioned by UTC month on occurred_at exactly like turns (V2): monthly partitions activity_YYYY_MM made by
-- ensure_activity_partitions, activity_default for rows outside them (kept empty), and the same retention rule:
-- whole months dropped.
SET LOCAL TimeZone = 'UTC';

CREATE TABLE activity (
    tenant_id    text        NOT NULL,
    event_id     text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    session_id   text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('tool_call', 'tool_decision', 'reply', 'error', 'user_prompt',
                                                      'api_request', 'system')),
    name         text,
    status       text        CHECK (status IN ('ok', 'error', 'accept', 'reject')),
    duration_ms  bigint,
    model        text,
    provider     text,
    project      text,
    agent        text,
    user_id      text,
    source       text,
    -- At most 32768 bytes of UTF-8, a longer text cut with the marker '…[truncated N bytes]' (ActivityPayload);
    -- NULL when the sender sent none or the tenant keeps no payloads (tenants.keep_activity_payloads).
    payload      text,
    ingested_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT activity_pk PRIMARY KEY (tenant_id, event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- The guard behind "one row per (tenant_id, event_id)", as turn_keys is for turns: the writer inserts here first and
-- writes the activity row only when this insert did not conflict.
CREATE TABLE activity_keys (
    tenant_id    text        NOT NULL,
    event_id     text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    CONSTRAINT activity_keys_pk PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX activity_keys_occurred_at_idx ON activity_keys (occurred_at);

CREATE TABLE activity_default PARTITION OF activity DEFAULT;

-- Creates the monthly partitions covering [from_month, to_month]; idempotent. Rows already in the default
-- partition for a month are moved into the new partition. Call it with TimeZone UTC (months are UTC months).
CREATE FUNCTION ensure_activity_partitions(from_month date, to_month date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    month_start date := date_trunc('month', from_month);
    created integer := 0;
    part_name text;
BEGIN
    WHILE month_start <= to_month LOOP
        part_name := format('activity_%s', to_char(month_start, 'YYYY_MM'));
        IF to_regclass(part_name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I (LIKE activity INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part_name);
            EXECUTE format('WITH moved AS (DELETE FROM activity_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) '
                           'INSERT INTO %I SELECT * FROM moved',
                           month_start, (month_start + interval '1 month')::date, part_name);
            EXECUTE format('ALTER TABLE activity ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                           part_name, month_start, (month_start + interval '1 month')::date);
            created := created + 1;
        END IF;
        month_start := (month_start + interval '1 month')::date;
    END LOOP;
    RETURN created;
END;
$$;

-- The months turns have from V2 on; the writer keeps months ahead from its own clock.
SELECT ensure_activity_partitions(date '2025-01-01', date '2027-12-01');

-- One session's entries in time order (cursor: occurred_at, event_id), to interleave with its turns.
CREATE INDEX activity_tenant_session_idx ON activity (tenant_id, session_id, occurred_at, event_id);
-- The sessions with activity in a time range (and their first / last entry).
CREATE INDEX activity_tenant_time_idx ON activity (tenant_id, occurred_at, session_id);

-- A tenant may keep no payload text at all: the ingest gateway drops the payload field of its events at ingest.
ALTER TABLE tenants ADD COLUMN keep_activity_payloads boolean NOT NULL DEFAULT true;
