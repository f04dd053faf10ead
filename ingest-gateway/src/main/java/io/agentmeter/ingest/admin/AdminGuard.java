package io.agentmeter.ingest.admin;

import io.agentmeter.ingest.auth.Authenticator;
import io.agentmeter.ingest.config.GatewayConfig;
import io.agentmeter.ingest.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Lets a request into the admin API only with {@code Authorization: Bearer <AGENTMETER_ADMIN_SECRET>} (compared in
 * constant time). Without a configured secret the admin API is off (403).
 */
@ApplicationScoped
public class AdminGuard {

    private final Optional<byte[]> secret;

    public AdminGuard(GatewayConfig config) {
        this.secret = config.admin().secret().map(s -> s.strip().getBytes(StandardCharsets.UTF_8));
    }

    public void check(String authorization) {
        if (secret.isEmpty()) {
            throw ApiException.of(403, "admin_disabled", "Authorization",
                    "cannot be checked: the admin API is off until AGENTMETER_ADMIN_SECRET is set");
        }
        String presented = Authenticator.bearer(authorization);
        if (!MessageDigest.isEqual(secret.get(), presented.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.of(401, "unauthorized", "Authorization", "is not the admin secret");
        }
    }
}
