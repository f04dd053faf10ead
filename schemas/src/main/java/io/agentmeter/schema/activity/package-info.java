/**
 * The activity event, schema v1: what an agent did between its turns (tool calls and decisions, replies, errors,
 * prompts), never counted as spend.
 *
 * <p>Key classes: {@link io.agentmeter.schema.activity.ActivityEvent} (the record),
 * {@link io.agentmeter.schema.activity.ActivityEventReader} (parse, cut the payload, validate, bind: the one way in),
 * {@link io.agentmeter.schema.activity.ActivityEventWriter}. The rules are in {@code io.agentmeter.schema.validation}
 * ({@code ActivityValidator}, compiled from {@code activity-event.v1.schema.json}; {@code ActivityPayload}, the cut).
 *
 * <p>Decision: an oversized payload is cut with a visible marker, never a reason to reject the event. Not here: a
 * second copy of the structure in Java; change the schema.
 */
package io.agentmeter.schema.activity;
