package io.agentmeter.query.source;

/**
 * Where a set of figures belongs: its bucket (see {@link Bucketing}) and its group ({@code ""} for the turns that
 * did not report the dimension, and for ungrouped queries).
 */
public record Key(long bucket, String group) {
}
