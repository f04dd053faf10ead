/**
 * Issue 15's oracle: {@code ExactnessOracleIT} holds every query API answer to a plain SQL recomputation over the
 * stored first copies, after a seeded, disorderly workload went through the real aggregator and writer (each its
 * own JVM, killed with SIGKILL once) into a real PostgreSQL.
 *
 * <p>Key classes: {@code OracleWorkload} and {@code RecordingScript} (what is sent, in which order, from one seed),
 * {@code Producers} (turns to {@code agent-turns}, recordings as the ingest gateway writes them), {@code ServiceJvm}
 * (the aggregator and the writer), {@code Settling} (bounded waits), {@code Recompute} (the SQL), {@code FigureChecks} and {@code SessionChecks} (one
 * method per endpoint family), {@code Discrepancies} (every difference collected, reported at the end).
 *
 * <p>Not here: expectations written from what the code does today. The recomputation states the semantics
 * (first copy wins, history of any age in every view, recordings by time), and the build runs it with the other
 * integration tests.
 */
package io.agentmeter.query.oracle;
