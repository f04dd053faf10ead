/**
 * PostgreSQL as both services call it: {@link io.agentmeter.service.db.Database} turns a failed call into a 503 with
 * Retry-After (PostgreSQL's own text stays in the log), {@link io.agentmeter.service.db.DatabaseSettings} are the
 * {@code agentmeter.db.*} settings.
 *
 * <p>Not here: SQL. Each service keeps its repositories and the tables it reads beside the code that needs them.
 */
package io.agentmeter.service.db;
