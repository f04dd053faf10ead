-- Recordings: named spans of one user's turns, for side-by-side comparison.
CREATE TABLE recordings (
    tenant_id     text        NOT NULL,
    recording_id  text        NOT NULL,
    user_id       text        NOT NULL,
    name          text        NOT NULL,
    config        jsonb,
    started_at    timestamptz NOT NULL,
    stopped_at    timestamptz,
    CONSTRAINT recordings_pk PRIMARY KEY (tenant_id, recording_id)
);
CREATE INDEX recordings_tenant_user_idx ON recordings (tenant_id, user_id, started_at);

-- Model prices beyond the shipped LiteLLM file: new prices and tenant overrides, effective-dated.
-- tenant_id NULL is a global price; NULLS NOT DISTINCT makes the upsert key hold for it too.
CREATE TABLE prices (
    tenant_id       text,
    model           text        NOT NULL,
    provider        text,
    effective_from  timestamptz NOT NULL,
    version         text        NOT NULL,
    -- The rates in LiteLLM's own field names and units (USD per token), exact.
    rates           jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT prices_uq UNIQUE NULLS NOT DISTINCT (tenant_id, model, effective_from)
);
