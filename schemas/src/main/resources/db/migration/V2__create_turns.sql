-- One row per priced turn, partitioned by month on occurred_at so retention drops whole partitions.
-- NULL in any count means "not reported", never zero.
CREATE TABLE turns (
    tenant_id              text        NOT NULL,
    event_id               text        NOT NULL,
    occurred_at            timestamptz NOT NULL,
    session_id             text        NOT NULL,
    model                  text        NOT NULL,
    provider               text,
    project                text,
    agent                  text,
    user_id                text,
    conversation_id        text,
    thread_id              text,
    turn_index             integer,
    started_at             timestamptz,
    duration_ms            bigint,
    status                 text        NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error')),
    error_type             text,
    input_tokens           bigint,
    output_tokens          bigint,
    cache_read_tokens      bigint,
    cache_write_tokens     bigint,
    cache_write_1h_tokens  bigint,
    reasoning_tokens       bigint,
    total_tokens           bigint,
    context_used_tokens    bigint,
    context_max_tokens     bigint,
    token_breakdown        jsonb,
    tools                  jsonb,
    params                 jsonb,
    labels                 jsonb,
    prompt_hash            text,
    prompt_text            text,
    recording_id           text,
    -- priced | reported | unpriced | incomplete (see docs/pricing.md)
    cost_status            text        NOT NULL,
    cost_usd               numeric,
    computed_cost_usd      numeric,
    reported_cost_usd      numeric,
    cost_breakdown         jsonb,
    price_version          text,
    -- true when the turn arrived after its windows' grace had passed (see docs/architecture.md)
    late                   boolean     NOT NULL DEFAULT false,
    ingested_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT turns_pk PRIMARY KEY (tenant_id, event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- PostgreSQL cannot enforce a unique key across partitions unless it holds the partition column, so this
-- table is the guard behind "one row per (tenant_id, event_id)": the sink inserts here first and writes the
-- turn only when this insert did not conflict, in one statement.
CREATE TABLE turn_keys (
    tenant_id    text        NOT NULL,
    event_id     text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    CONSTRAINT turn_keys_pk PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX turn_keys_occurred_at_idx ON turn_keys (occurred_at);

-- Rows outside every monthly partition land here rather than fail; ensure_turn_partitions keeps it empty
-- for the months in use.
CREATE TABLE turns_default PARTITION OF turns DEFAULT;

-- Creates the monthly partitions covering [from_month, to_month]; idempotent. Rows already sitting in the
-- default partition for a month are moved into the new partition.
CREATE FUNCTION ensure_turn_partitions(from_month date, to_month date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    month_start date := date_trunc('month', from_month);
    created integer := 0;
    part_name text;
BEGIN
    WHILE month_start <= to_month LOOP
        part_name := format('turns_%s', to_char(month_start, 'YYYY_MM'));
        IF to_regclass(part_name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I (LIKE turns INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part_name);
            EXECUTE format('WITH moved AS (DELETE FROM turns_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) '
                           'INSERT INTO %I SELECT * FROM moved',
                           month_start, (month_start + interval '1 month')::date, part_name);
            EXECUTE format('ALTER TABLE turns ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                           part_name, month_start, (month_start + interval '1 month')::date);
            created := created + 1;
        END IF;
        month_start := (month_start + interval '1 month')::date;
    END LOOP;
    RETURN created;
END;
$$;

SELECT ensure_turn_partitions(date '2025-01-01', date '2027-12-01');

CREATE INDEX turns_tenant_time_idx ON turns (tenant_id, occurred_at);
CREATE INDEX turns_tenant_session_idx ON turns (tenant_id, session_id, occurred_at);
CREATE INDEX turns_tenant_prompt_idx ON turns (tenant_id, prompt_hash, model) WHERE prompt_hash IS NOT NULL;
CREATE INDEX turns_tenant_recording_idx ON turns (tenant_id, recording_id) WHERE recording_id IS NOT NULL;
