/**
 * OTLP/HTTP ingest: traces, logs and metrics exports into turn events.
 *
 * <p>Key classes: {@link io.agentmeter.ingest.otlp.OtlpCodec} (the one decoder and answer writer of all three
 * signals, both encodings), {@link io.agentmeter.ingest.otlp.OtlpExchange} (the HTTP side shared by
 * {@code /v1/traces}, {@code /v1/logs} and {@code /v1/metrics}, one resource each),
 * {@link io.agentmeter.ingest.otlp.SpanMapper} (GenAI spans),
 * {@link io.agentmeter.ingest.otlp.LogRouter} with one mapper per agent event
 * ({@code ClaudeCodeApiRequest}, {@code CodexSseEvent}, {@code GeminiCliApiResponse}), and
 * {@link io.agentmeter.ingest.otlp.MetricSorter} (why metrics are never turns).
 *
 * <p>Decisions: mappers build JSON trees and copy values as sent, so the shared validator judges them and names the
 * turn event field in its reason; nothing here fixes or drops a bad value. Event ids of log records are hashes of
 * what the record says ({@code EventIds}), never of its arrival, so a retried export is a duplicate downstream.
 * Anything that is not a turn is accepted and counted by reason, never an error.
 *
 * <p>Not here: validation, rate limits and publishing ({@link io.agentmeter.ingest.turns.TurnIngestor}), HTTP error
 * rendering for the other endpoints ({@code http}).
 */
package io.agentmeter.ingest.otlp;
