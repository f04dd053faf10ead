package io.agentmeter.query.health;

/** The parts of agentmeter the health bar shows, in its order. */
public enum Part {
    QUERY_API("query_api", "Query API"),
    POSTGRESQL("postgresql", "PostgreSQL"),
    GATEWAY("gateway", "Ingest gateway"),
    KAFKA("kafka", "Kafka"),
    AGGREGATOR("aggregator", "Aggregator"),
    WRITER("writer", "Writer");

    private final String id;
    private final String label;

    Part(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The stable name in answers and metrics ({@code query_api}, {@code postgresql} ...). */
    public String id() {
        return id;
    }

    /** The name people read. */
    public String label() {
        return label;
    }
}
