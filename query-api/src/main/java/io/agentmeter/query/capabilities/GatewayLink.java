package io.agentmeter.query.capabilities;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * Where the ingest gateway is, as browsers reach it ({@code agentmeter.gateway.url} = {@code AGENTMETER_GATEWAY_URL}):
 * the dashboard's record button starts and stops recordings there. Unset, the dashboard asks its user.
 */
@ConfigMapping(prefix = "agentmeter.gateway")
public interface GatewayLink {

    @WithName("url")
    Optional<String> url();
}
