-- Rollups written by the stream aggregator's sink as absolute values (never +=), guarded by version.

-- Per session: totals, with the per-model breakdown inside the session as JSON.
CREATE TABLE session_rollups (
    tenant_id                 text        NOT NULL,
    session_id                text        NOT NULL,
    project                   text,
    agent                     text,
    user_id                   text,
    recording_id              text,
    context_peak_tokens       bigint,
    context_max_tokens        bigint,
    models                    jsonb,
    turns                     bigint      NOT NULL,
    error_turns               bigint      NOT NULL,
    -- Token sums over the turns that reported each kind; NULL when none did. *_turns is that coverage count.
    input_tokens              bigint,
    input_tokens_turns        bigint      NOT NULL,
    output_tokens             bigint,
    output_tokens_turns       bigint      NOT NULL,
    cache_read_tokens         bigint,
    cache_read_tokens_turns   bigint      NOT NULL,
    cache_write_tokens        bigint,
    cache_write_tokens_turns  bigint      NOT NULL,
    cache_write_1h_tokens     bigint,
    cache_write_1h_tokens_turns bigint    NOT NULL,
    reasoning_tokens          bigint,
    reasoning_tokens_turns    bigint      NOT NULL,
    total_tokens              bigint,
    total_tokens_turns        bigint      NOT NULL,
    -- Cost over the turns whose cost is known (priced or reported); the rest are counted, never taken as $0.
    cost_usd                  numeric,
    cost_turns                bigint      NOT NULL,
    unpriced_turns            bigint      NOT NULL,
    incomplete_cost_turns     bigint      NOT NULL,
    cost_breakdown            jsonb,
    duration_ms_sum           bigint,
    duration_ms_min           bigint,
    duration_ms_max           bigint,
    duration_turns            bigint      NOT NULL,
    -- A mergeable quantile sketch of duration_ms, serialized; the quantiles are read off it at write time.
    latency_sketch            bytea,
    latency_p50_ms            double precision,
    latency_p95_ms            double precision,
    latency_p99_ms            double precision,
    first_seen                timestamptz NOT NULL,
    last_seen                 timestamptz NOT NULL,
    -- Grows with every update of the key; the sink writes a row only over an older version.
    version                   bigint      NOT NULL,
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT session_rollups_pk PRIMARY KEY (tenant_id, session_id)
);
CREATE INDEX session_rollups_tenant_last_seen_idx ON session_rollups (tenant_id, last_seen);
CREATE INDEX session_rollups_tenant_cost_idx ON session_rollups (tenant_id, cost_usd DESC NULLS LAST);
CREATE INDEX session_rollups_tenant_recording_idx ON session_rollups (tenant_id, recording_id)
    WHERE recording_id IS NOT NULL;

-- Per (tenant, project, provider, model) in tumbling windows.
-- Dimensions that were not reported are stored as '' so they can sit in the primary key.
CREATE TABLE model_rollups (
    tenant_id                 text        NOT NULL,
    window_size               text        NOT NULL CHECK (window_size IN ('1m', '1h', '1d')),
    window_start              timestamptz NOT NULL,
    window_end                timestamptz NOT NULL,
    project                   text        NOT NULL,
    provider                  text        NOT NULL,
    model                     text        NOT NULL,
    turns                     bigint      NOT NULL,
    error_turns               bigint      NOT NULL,
    -- Token sums over the turns that reported each kind; NULL when none did. *_turns is that coverage count.
    input_tokens              bigint,
    input_tokens_turns        bigint      NOT NULL,
    output_tokens             bigint,
    output_tokens_turns       bigint      NOT NULL,
    cache_read_tokens         bigint,
    cache_read_tokens_turns   bigint      NOT NULL,
    cache_write_tokens        bigint,
    cache_write_tokens_turns  bigint      NOT NULL,
    cache_write_1h_tokens     bigint,
    cache_write_1h_tokens_turns bigint    NOT NULL,
    reasoning_tokens          bigint,
    reasoning_tokens_turns    bigint      NOT NULL,
    total_tokens              bigint,
    total_tokens_turns        bigint      NOT NULL,
    -- Cost over the turns whose cost is known (priced or reported); the rest are counted, never taken as $0.
    cost_usd                  numeric,
    cost_turns                bigint      NOT NULL,
    unpriced_turns            bigint      NOT NULL,
    incomplete_cost_turns     bigint      NOT NULL,
    cost_breakdown            jsonb,
    duration_ms_sum           bigint,
    duration_ms_min           bigint,
    duration_ms_max           bigint,
    duration_turns            bigint      NOT NULL,
    -- A mergeable quantile sketch of duration_ms, serialized; the quantiles are read off it at write time.
    latency_sketch            bytea,
    latency_p50_ms            double precision,
    latency_p95_ms            double precision,
    latency_p99_ms            double precision,
    first_seen                timestamptz NOT NULL,
    last_seen                 timestamptz NOT NULL,
    -- Grows with every update of the key; the sink writes a row only over an older version.
    version                   bigint      NOT NULL,
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT model_rollups_pk PRIMARY KEY (tenant_id, window_size, window_start, project, provider, model)
);
CREATE INDEX model_rollups_tenant_window_idx ON model_rollups (tenant_id, window_size, window_start);

-- Per (tenant, agent) in tumbling windows.
-- Dimensions that were not reported are stored as '' so they can sit in the primary key.
CREATE TABLE agent_rollups (
    tenant_id                 text        NOT NULL,
    window_size               text        NOT NULL CHECK (window_size IN ('1m', '1h', '1d')),
    window_start              timestamptz NOT NULL,
    window_end                timestamptz NOT NULL,
    agent                     text        NOT NULL,
    turns                     bigint      NOT NULL,
    error_turns               bigint      NOT NULL,
    -- Token sums over the turns that reported each kind; NULL when none did. *_turns is that coverage count.
    input_tokens              bigint,
    input_tokens_turns        bigint      NOT NULL,
    output_tokens             bigint,
    output_tokens_turns       bigint      NOT NULL,
    cache_read_tokens         bigint,
    cache_read_tokens_turns   bigint      NOT NULL,
    cache_write_tokens        bigint,
    cache_write_tokens_turns  bigint      NOT NULL,
    cache_write_1h_tokens     bigint,
    cache_write_1h_tokens_turns bigint    NOT NULL,
    reasoning_tokens          bigint,
    reasoning_tokens_turns    bigint      NOT NULL,
    total_tokens              bigint,
    total_tokens_turns        bigint      NOT NULL,
    -- Cost over the turns whose cost is known (priced or reported); the rest are counted, never taken as $0.
    cost_usd                  numeric,
    cost_turns                bigint      NOT NULL,
    unpriced_turns            bigint      NOT NULL,
    incomplete_cost_turns     bigint      NOT NULL,
    cost_breakdown            jsonb,
    duration_ms_sum           bigint,
    duration_ms_min           bigint,
    duration_ms_max           bigint,
    duration_turns            bigint      NOT NULL,
    -- A mergeable quantile sketch of duration_ms, serialized; the quantiles are read off it at write time.
    latency_sketch            bytea,
    latency_p50_ms            double precision,
    latency_p95_ms            double precision,
    latency_p99_ms            double precision,
    first_seen                timestamptz NOT NULL,
    last_seen                 timestamptz NOT NULL,
    -- Grows with every update of the key; the sink writes a row only over an older version.
    version                   bigint      NOT NULL,
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT agent_rollups_pk PRIMARY KEY (tenant_id, window_size, window_start, agent)
);
CREATE INDEX agent_rollups_tenant_window_idx ON agent_rollups (tenant_id, window_size, window_start);

-- Per (tenant, tool) in tumbling windows; the turn metrics are those of the turns that called the tool.
-- Dimensions that were not reported are stored as '' so they can sit in the primary key.
CREATE TABLE tool_rollups (
    tenant_id                 text        NOT NULL,
    window_size               text        NOT NULL CHECK (window_size IN ('1m', '1h', '1d')),
    window_start              timestamptz NOT NULL,
    window_end                timestamptz NOT NULL,
    tool                      text        NOT NULL,
    tool_calls                bigint,
    tool_duration_ms          bigint,
    tool_input_tokens         bigint,
    tool_output_tokens        bigint,
    turns                     bigint      NOT NULL,
    error_turns               bigint      NOT NULL,
    -- Token sums over the turns that reported each kind; NULL when none did. *_turns is that coverage count.
    input_tokens              bigint,
    input_tokens_turns        bigint      NOT NULL,
    output_tokens             bigint,
    output_tokens_turns       bigint      NOT NULL,
    cache_read_tokens         bigint,
    cache_read_tokens_turns   bigint      NOT NULL,
    cache_write_tokens        bigint,
    cache_write_tokens_turns  bigint      NOT NULL,
    cache_write_1h_tokens     bigint,
    cache_write_1h_tokens_turns bigint    NOT NULL,
    reasoning_tokens          bigint,
    reasoning_tokens_turns    bigint      NOT NULL,
    total_tokens              bigint,
    total_tokens_turns        bigint      NOT NULL,
    -- Cost over the turns whose cost is known (priced or reported); the rest are counted, never taken as $0.
    cost_usd                  numeric,
    cost_turns                bigint      NOT NULL,
    unpriced_turns            bigint      NOT NULL,
    incomplete_cost_turns     bigint      NOT NULL,
    cost_breakdown            jsonb,
    duration_ms_sum           bigint,
    duration_ms_min           bigint,
    duration_ms_max           bigint,
    duration_turns            bigint      NOT NULL,
    -- A mergeable quantile sketch of duration_ms, serialized; the quantiles are read off it at write time.
    latency_sketch            bytea,
    latency_p50_ms            double precision,
    latency_p95_ms            double precision,
    latency_p99_ms            double precision,
    first_seen                timestamptz NOT NULL,
    last_seen                 timestamptz NOT NULL,
    -- Grows with every update of the key; the sink writes a row only over an older version.
    version                   bigint      NOT NULL,
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tool_rollups_pk PRIMARY KEY (tenant_id, window_size, window_start, tool)
);
CREATE INDEX tool_rollups_tenant_window_idx ON tool_rollups (tenant_id, window_size, window_start);
