package io.agentmeter.schema.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollupKeysTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void shouldWriteAWindowedKeyAsAJsonArrayWithMissingDimensionsEmpty() {
        assertThat(RollupKeys.windowed("acme", WindowSize.ONE_HOUR, START, null, "openai", "gpt-5"))
                .isEqualTo("[\"acme\",\"1h\",\"2026-01-01T10:00:00Z\",\"\",\"openai\",\"gpt-5\"]");
        assertThat(RollupKeys.windowed("acme", WindowSize.ONE_MINUTE, START, "a\"b"))
                .isEqualTo("[\"acme\",\"1m\",\"2026-01-01T10:00:00Z\",\"a\\\"b\"]");
    }
}
