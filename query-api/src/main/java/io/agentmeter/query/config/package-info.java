/**
 * The query API's settings ({@link io.agentmeter.query.config.QueryConfig}, {@code agentmeter.*}), read by every
 * package that needs one.
 *
 * <p>Not here: the start-up check of all settings together ({@code io.agentmeter.query.QueryConfigCheck}, which also
 * checks the live stream's, the health probes' and the links' settings). This package imports no other package of
 * the query API, so every package can import it without a cycle.
 */
package io.agentmeter.query.config;
