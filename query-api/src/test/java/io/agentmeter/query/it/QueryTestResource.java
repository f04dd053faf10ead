package io.agentmeter.query.it;

import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.schema.db.Migrations;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import javax.sql.DataSource;

/** A real PostgreSQL with the migrations applied and {@link TestWorld} written, passed to the API as config. */
public class QueryTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalPostgres postgres;
    private static TestWorld world;
    private static DataSource dataSource;

    public static TestWorld world() {
        return world;
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
        return Map.of(
                "agentmeter.db.url", postgres.jdbcUrl("agentmeter"),
                "agentmeter.db.user", postgres.username(),
                "agentmeter.db.password", postgres.password(),
                "agentmeter.auth.cache-ttl", "500ms",
                "agentmeter.query.max-points", "500");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
