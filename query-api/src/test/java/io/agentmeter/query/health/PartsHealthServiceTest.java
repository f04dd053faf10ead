package io.agentmeter.query.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PartsHealthServiceTest {

    private static final Instant STARTED = Instant.parse("2026-05-04T09:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-05-04T10:00:00Z"));
    private final AtomicInteger probes = new AtomicInteger();
    private final Map<Part, Verdict> verdicts = new EnumMap<>(Map.of(
            Part.POSTGRESQL, Verdict.up("SELECT 1 answered in 1 ms"),
            Part.GATEWAY, Verdict.up("ready"),
            Part.KAFKA, Verdict.up("1 broker"),
            Part.AGGREGATOR, Verdict.down("no answer"),
            Part.WRITER, Verdict.up("ready: sink RUNNING")));

    private PartsHealthService service(Duration ttl) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return new PartsHealthService(() -> {
            probes.incrementAndGet();
            return Map.copyOf(verdicts);
        }, ttl, Duration.ofSeconds(1), clock, STARTED);
    }

    @Test
    void shouldKeepSinceWhileAStateLastsAndMoveItWhenItChanges() {
        PartsHealthService service = service(Duration.ZERO);
        Instant first = now.get();
        service.current();
        now.set(first.plusSeconds(10));
        verdicts.put(Part.KAFKA, Verdict.down("the gateway says: no broker"));
        PartsHealth later = service.current();

        assertThat(since(later, Part.AGGREGATOR)).as("down all along").isEqualTo(first);
        assertThat(since(later, Part.POSTGRESQL)).isEqualTo(first);
        assertThat(since(later, Part.KAFKA)).as("down since the probe that saw it").isEqualTo(first.plusSeconds(10));
        assertThat(since(later, Part.QUERY_API)).as("this server: since it started").isEqualTo(STARTED);
        assertThat(later.parts()).extracting(PartState::part)
                .containsExactly("query_api", "postgresql", "gateway", "kafka", "aggregator", "writer");
    }

    @Test
    void shouldProbeOncePerCacheLife() {
        PartsHealthService service = service(Duration.ofMinutes(1));
        PartsHealth first = service.current();
        PartsHealth second = service.current();
        assertThat(probes).hasValue(1);
        assertThat(second).isSameAs(first);
    }

    @Test
    void shouldAnswerUnknownRatherThanFailWhenProbingFails() {
        PartsHealthService service = new PartsHealthService(() -> {
            throw new IllegalStateException("boom");
        }, Duration.ZERO, Duration.ofSeconds(1), Clock.systemUTC(), STARTED);
        PartsHealth health = service.current();
        assertThat(health.parts()).extracting(PartState::state)
                .containsExactly("up", "unknown", "unknown", "unknown", "unknown", "unknown");
        assertThat(health.parts().get(1).detail()).contains("boom");
    }

    @Test
    void shouldTellOnlyThisServerAndPostgresqlWithoutACheckedKey() {
        PartsHealthService service = service(Duration.ZERO);
        service.current();
        verdicts.put(Part.POSTGRESQL, Verdict.down("SELECT 1 failed"));
        PartsHealth health = service.withoutKey("PostgreSQL did not answer the query key's lookup");
        assertThat(health.parts()).extracting(PartState::state)
                .containsExactly("up", "down", "unknown", "unknown", "unknown", "unknown");
        assertThat(health.parts().get(2).detail()).startsWith("not shown:");
        assertThat(health.parts()).extracting(PartState::detail).noneMatch(d -> d.contains("ready")
                || d.contains("broker") || d.contains("no answer"));
    }

    private static Instant since(PartsHealth health, Part part) {
        return health.parts().stream().filter(p -> p.part().equals(part.id())).findFirst().orElseThrow().since();
    }
}
