/** HTTP ingest of turn events into the raw turns topic. */
package io.agentmeter.ingest;
