/**
 * Where turn events go ({@link io.agentmeter.cli.send.EventSink}): the ingest gateway over HTTP, Kafka as a direct
 * producer, or standard output.
 */
package io.agentmeter.cli.send;
