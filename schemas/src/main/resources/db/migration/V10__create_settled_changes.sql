-- A per-tenant generation of the windows the query API takes as settled (io.agentmeter.schema.db.SettledWindow).
--
-- The query API keeps the rollup rows and late-turn corrections of windows that ended more than 2 days ago in memory,
-- because re-reading them is most of a dashboard answer's time. Such windows still change now and then: a backfill of
-- old logs (the aggregator's stream time replayed from the past, so the turns are not late) updates their rollup
-- rows, and a late turn adds a row to turns. Judging "settled" by the wall clock alone served stale figures after a
-- backfill. So the sink bumps the tenant's generation here, in the same transaction as the batch, whenever that batch
-- writes a turn or a rollup row into a window that may count as settled; the query API reads the generation (one
-- primary-key lookup) before its data reads and serves a cached window only if it was read under the same
-- generation. Live traffic never touches this table: only writes into windows some 2 days old do.
CREATE TABLE settled_changes (
    tenant_id  text        NOT NULL,
    -- Grows by one with every sink transaction that wrote into the tenant's settled windows.
    generation bigint      NOT NULL,
    -- The last such transaction's time: when old windows last changed (for operators; nothing reads it).
    changed_at timestamptz NOT NULL,
    CONSTRAINT settled_changes_pk PRIMARY KEY (tenant_id)
);
