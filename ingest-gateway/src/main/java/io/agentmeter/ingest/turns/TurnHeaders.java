package io.agentmeter.ingest.turns;

import io.agentmeter.schema.validation.TurnLimits;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Headers the gateway puts on every raw turn record: where the event came from and the schema version of its value.
 * Direct Kafka producers may set them too (docs/ingest.md); the aggregator does not require them.
 */
public final class TurnHeaders {

    /** {@code http} (POST /v1/turns) or {@code otlp} (POST /v1/traces, /v1/logs). UTF-8. */
    public static final String SOURCE = "agentmeter.source";
    /** The turn event schema version of the value, as a decimal string ({@code 1}). UTF-8. */
    public static final String SCHEMA_VERSION = "agentmeter.schema.version";

    static final Header SCHEMA_V1 = header(SCHEMA_VERSION, Integer.toString(TurnLimits.SCHEMA_VERSION));

    private TurnHeaders() {
    }

    /** Where an event entered the gateway. */
    public enum Source {
        HTTP("http"), OTLP("otlp");

        private final String value;
        private final Header header;

        Source(String value) {
            this.value = value;
            this.header = TurnHeaders.header(SOURCE, value);
        }

        public String value() {
            return value;
        }

        Header header() {
            return header;
        }
    }

    /** The headers of a record from {@code source}, shared (they are immutable). */
    static Header[] of(Source source) {
        return new Header[] {source.header(), SCHEMA_V1};
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
