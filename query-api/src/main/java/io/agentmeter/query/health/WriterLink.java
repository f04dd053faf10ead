package io.agentmeter.query.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * Where this server reaches the writer's HTTP port ({@code agentmeter.writer.url} = {@code AGENTMETER_WRITER_URL},
 * e.g. {@code http://localhost:8083}; {@code bin/agentmeter up} sets it): {@code GET /v1/health/parts} asks its
 * {@code /health/ready}. Unset, the writer's state is unknown.
 */
@ConfigMapping(prefix = "agentmeter.writer")
public interface WriterLink {

    @WithName("url")
    Optional<String> url();
}
