package io.agentmeter.ingest.ops;

import io.agentmeter.ingest.config.GatewayConfig;
import io.agentmeter.ingest.kafka.KafkaSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while a Kafka broker answers: asks the cluster for its brokers, giving up after
 * {@code agentmeter.kafka.health-timeout} (1 s by default), so a probe never hangs on a broker that is down.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private final Admin admin;
    private final Duration timeout;

    public KafkaReadiness(GatewayConfig config) {
        this.timeout = config.kafka().healthTimeout();
        this.admin = Admin.create(KafkaSettings.admin(config.kafka(), timeout));
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka");
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return response.status(!nodes.isEmpty()).withData("brokers", nodes.size()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (ExecutionException | TimeoutException e) {
            String reason = e instanceof ExecutionException ? e.getCause().getMessage() : "no answer";
            return response.down().withData("error", "no broker answered within " + timeout.toMillis() + " ms: "
                    + reason).build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
