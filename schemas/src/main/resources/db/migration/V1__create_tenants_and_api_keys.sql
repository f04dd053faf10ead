-- Tenants and the keys that act for them. Keys are stored as SHA-256 hashes only; the clear key is shown once.
CREATE TABLE tenants (
    tenant_id   text        PRIMARY KEY CHECK (tenant_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    key_id        text        PRIMARY KEY,
    tenant_id     text        NOT NULL REFERENCES tenants (tenant_id),
    -- An ingest key may be bound to one project; NULL lets it write to any project of the tenant.
    project       text,
    -- 'ingest' keys publish turns; 'query' keys read with a role.
    kind          text        NOT NULL CHECK (kind IN ('ingest', 'query')),
    role          text        CHECK (role IN ('viewer', 'developer', 'admin')),
    name          text        NOT NULL,
    key_hash      text        NOT NULL,
    -- The first characters of the clear key, so an operator can tell keys apart without the secret.
    key_prefix    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    CONSTRAINT api_keys_role_only_for_query CHECK ((kind = 'query') = (role IS NOT NULL))
);

CREATE UNIQUE INDEX api_keys_key_hash_uq ON api_keys (key_hash);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);
