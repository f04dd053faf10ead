package io.agentmeter.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigCheckTest {

    private static GatewayConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }

    @Test
    void shouldAcceptTheDefaults() {
        GatewayConfig defaults = config(Map.of());
        assertThat(GatewayConfigCheck.problems(defaults)).isEmpty();
        assertThat(defaults.kafka().bootstrap()).isEqualTo("localhost:9092");
        assertThat(defaults.kafka().deliveryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.ingest().rateLimit().burst()).isEqualTo(20000);
        assertThat(defaults.admin().secret()).isEmpty();
    }

    @Test
    void shouldNameEveryBadSettingAtOnce() {
        GatewayConfig bad = config(Map.of(
                "agentmeter.kafka.compression", "brotli",
                "agentmeter.kafka.delivery-timeout", "1s",
                "agentmeter.kafka.replication-factor", "0",
                "agentmeter.kafka.min-insync-replicas", "0",
                "agentmeter.ingest.max-body-bytes", "100",
                "agentmeter.ingest.max-events", "30000",
                "agentmeter.admin.secret", "short"));
        assertThat(GatewayConfigCheck.problems(bad)).extracting(p -> p.substring(0, p.indexOf(':')))
                .containsExactly("agentmeter.kafka.compression", "agentmeter.kafka.delivery-timeout",
                        "agentmeter.kafka.replication-factor", "agentmeter.kafka.min-insync-replicas",
                        "agentmeter.ingest.max-body-bytes",
                        "agentmeter.ingest.rate-limit.burst", "agentmeter.admin.secret");
        assertThatThrownBy(() -> GatewayConfigCheck.require(bad)).hasMessageContaining("brotli");
    }

    @Test
    void shouldRefuseMoreInsyncReplicasThanReplicas() {
        GatewayConfig cluster = config(Map.of("agentmeter.kafka.replication-factor", "3",
                "agentmeter.kafka.min-insync-replicas", "2"));
        GatewayConfig tooMany = config(Map.of("agentmeter.kafka.replication-factor", "2",
                "agentmeter.kafka.min-insync-replicas", "3"));

        assertThat(GatewayConfigCheck.problems(cluster)).isEmpty();
        assertThat(GatewayConfigCheck.problems(tooMany)).singleElement().asString()
                .startsWith("agentmeter.kafka.min-insync-replicas: must be between 1 and the replication factor (2)");
    }

    @Test
    void shouldSkipRateChecksWhenTheLimitIsOff() {
        GatewayConfig off = config(Map.of("agentmeter.ingest.rate-limit.enabled", "false",
                "agentmeter.ingest.rate-limit.burst", "1"));
        assertThat(GatewayConfigCheck.problems(off)).isEmpty();
    }
}
