package io.agentmeter.query.it;

import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.query.health.ReadinessStub;
import io.agentmeter.schema.db.Migrations;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A real PostgreSQL with the migrations applied and {@link TestWorld} written, passed to the API as config; for the
 * health bar a stand-in for the gateway's readiness ({@link ReadinessStub}) and an aggregator address where nothing
 * listens.
 */
public class QueryTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalPostgres postgres;
    private static TestWorld world;
    private static DataSource dataSource;
    private static ReadinessStub readiness;
    private static String aggregatorUrl;

    public static TestWorld world() {
        return world;
    }

    /** The gateway's readiness as the health probes see it. */
    public static ReadinessStub readiness() {
        return readiness;
    }

    /** The aggregator's address the API is given: nothing listens there. */
    public static String aggregatorUrl() {
        return aggregatorUrl;
    }

    public static DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Map<String, String> start() {
        postgres = LocalPostgres.startEphemeral();
        postgres.createDatabase("agentmeter");
        dataSource = postgres.dataSource("agentmeter");
        Migrations.apply(dataSource);
        try {
            world = TestWorld.seed(dataSource, postgres.jdbcUrl("agentmeter"), postgres.username(),
                    postgres.password());
        } catch (Exception e) {
            throw new IllegalStateException("cannot seed the test database", e);
        }
        readiness = new ReadinessStub();
        aggregatorUrl = "http://127.0.0.1:" + ReadinessStub.closedPort();
        return Map.of(
                "agentmeter.db.url", postgres.jdbcUrl("agentmeter"),
                "agentmeter.db.user", postgres.username(),
                "agentmeter.db.password", postgres.password(),
                "agentmeter.auth.cache-ttl", "500ms",
                "agentmeter.query.max-points", "500",
                "agentmeter.health.gateway-url", readiness.gatewayUrl(),
                "agentmeter.aggregator.url", aggregatorUrl,
                "agentmeter.health.timeout", "2s",
                "agentmeter.health.cache-ttl", "1s");
    }

    @Override
    public void stop() {
        if (readiness != null) {
            readiness.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
