package io.agentmeter.query.bench;

import java.math.BigDecimal;

/** One generated turn, flat, as the seeder writes it. */
final class BenchTurn {
    String eventId;
    long occurredAtMs;
    int session;
    int turnIndex;
    String model;
    String provider;
    String project;
    String agent;
    String user;
    Long durationMs;
    boolean error;
    /** input, output, cache read, cache write, cache write 1h, reasoning, total. */
    final Long[] tokens = new Long[7];
    Long contextUsed;
    String[] toolNames;
    Integer[] toolCalls;
    Long[] toolDurations;
    String team;
    String env;
    String promptHash;
    String recording;
    String costStatus;
    BigDecimal costUsd;
    BigDecimal computedCostUsd;
    String priceVersion;
    boolean late;
}
