/**
 * Validation of the turn event and the activity event, schema v1: one rule for the gateway, the aggregator, the
 * writers and importers.
 *
 * <p>Key classes: {@link io.agentmeter.schema.validation.TurnValidator} (the entry, and the rules a JSON Schema cannot
 * state: cross-field sums, the clock, byte sizes, cost decimals), {@code SchemaChecks} (the published
 * {@code turn-event.v1.schema.json} compiled once into the structural checks), {@link
 * io.agentmeter.schema.validation.TurnLimits} (every limit; the declarative ones read from the schema),
 * {@link io.agentmeter.schema.validation.SchemaResource} (each published schema, a constant, read and parsed once),
 * {@link io.agentmeter.schema.validation.ReadResult} (what an event reader made of input: the event or every
 * violation),
 * {@link io.agentmeter.schema.validation.Rfc3339} and {@link io.agentmeter.schema.validation.StorableText} (the
 * date-time and storable-text rules also used outside the validator); for activity events {@link
 * io.agentmeter.schema.validation.ActivityValidator} (compiled from {@code activity-event.v1.schema.json} by the same
 * {@code SchemaChecks}, with its own wording) and {@link io.agentmeter.schema.validation.ActivityPayload} (an
 * oversized payload is cut with a marker, never rejected).
 *
 * <p>Decision: the schema is the one copy of field names, types, required fields, enums, lengths, bounds and
 * patterns. To change one, change the schema (and the samples); do not restate it in Java. A keyword or pattern the
 * compiler does not implement fails when the class loads rather than being skipped. Not here: a generic JSON Schema
 * library run per event; the compiled checks keep the ingest path's speed and the exact reasons clients see.
 */
package io.agentmeter.schema.validation;
