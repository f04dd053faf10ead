-- The order turns were stored in, for the query API's live stream (GET /v1/live, docs/query-api.md).
--
-- occurred_at is event time (a late turn is stored long after it occurred) and ingested_at is the inserting
-- transaction's start, so neither says which turns are new since a client last looked. A sequence alone does not
-- either: transactions commit in another order than they drew their numbers, so a reader that saw number 11 may
-- still get 10 later. Each row therefore carries its transaction id as well: a reader takes only rows whose
-- transaction is older than the oldest one still running (pg_snapshot_xmin), all of which have committed or rolled
-- back, and orders them by (stored_tx, stored_seq). No row can appear below that position afterwards.
--
-- Both are column defaults, so the sink's INSERT (explicit column list) fills them without knowing of them.
CREATE SEQUENCE turns_stored_seq;

ALTER TABLE turns
    ADD COLUMN stored_tx  xid8   NOT NULL DEFAULT pg_current_xact_id(),
    ADD COLUMN stored_seq bigint NOT NULL DEFAULT nextval('turns_stored_seq');

-- One tenant's turns stored after a position: one index range per partition.
CREATE INDEX turns_tenant_stored_idx ON turns (tenant_id, stored_tx, stored_seq);
