/**
 * What the two Quarkus services, the ingest gateway and the query API, share: one copy each, worded per service where
 * their answers differ. {@code http}: error answers and the one exception mapper, the parameter check; {@code db}:
 * database calls that fail as 503, the database settings; {@code auth}: the bearer header, key kinds, the key cache
 * settings.
 *
 * <p>Not here: anything only one service does (its resources, its key store, its metrics), and no import of a service
 * ({@code ArchitectureTest}): the services use this module, never the other way round.
 */
package io.agentmeter.service;
