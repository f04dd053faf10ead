package io.agentmeter.query.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * Where this server reaches the stream aggregator's HTTP port ({@code agentmeter.aggregator.url} =
 * {@code AGENTMETER_AGGREGATOR_URL}, e.g. {@code http://localhost:8082}; {@code bin/agentmeter up} sets it):
 * {@code GET /v1/health/parts} asks its {@code /health/ready}. Unset, the aggregator's state is unknown.
 */
@ConfigMapping(prefix = "agentmeter.aggregator")
public interface AggregatorLink {

    @WithName("url")
    Optional<String> url();
}
