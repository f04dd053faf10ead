/**
 * API keys as both services check them: the {@code Authorization: Bearer} header
 * ({@link io.agentmeter.service.auth.BearerToken}), what a key may do ({@link io.agentmeter.service.auth.KeyKind}) and
 * how long keys are trusted from memory ({@link io.agentmeter.service.auth.KeyCacheSettings}; the cache itself is
 * {@code io.agentmeter.schema.auth.KeyCache}).
 *
 * <p>Not here: who may do what. The gateway's {@code Authenticator} takes ingest keys and records their use, the query
 * API's takes query keys with a role and remembers keys through a PostgreSQL outage; each stays in its service.
 */
package io.agentmeter.service.auth;
