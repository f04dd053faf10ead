/**
 * {@code POST /v1/activity}: activity events (tool calls and decisions, replies, errors, prompts) to the
 * {@code agent-activity} topic.
 *
 * <p>Key classes: {@link io.agentmeter.ingest.activity.ActivityResource} (the endpoint),
 * {@link io.agentmeter.ingest.activity.ActivityIngestor} (the turns' admission path with another preparer and topic,
 * also used by the OTLP logs receiver), {@link io.agentmeter.ingest.activity.ActivityPreparer} (tenant, payload drop
 * and cut, validation).
 *
 * <p>Not here: anything counted as spend, or a second copy of the contract (it is in {@code schemas}).
 */
package io.agentmeter.ingest.activity;
