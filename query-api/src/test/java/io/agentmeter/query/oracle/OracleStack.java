package io.agentmeter.query.oracle;

import io.agentmeter.localstack.LocalStack;
import io.agentmeter.query.it.TestRows;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.db.Migrations;
import io.agentmeter.schema.kafka.TopicCreator;
import io.agentmeter.schema.kafka.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;

/**
 * A real KRaft broker and a real PostgreSQL (local-stack) for the oracle: migrations applied, topics created, the two
 * tenants with a developer query key each. The query API under test reads this database; the aggregator the test
 * starts as its own JVM reads this broker.
 */
public class OracleStack implements QuarkusTestResourceLifecycleManager {

    static final int PARTITIONS = 3;
    static final String DATABASE = "agentmeter";

    private static LocalStack stack;
    private static DataSource dataSource;
    static final String ACME_KEY = ApiKeys.newKey("query");
    static final String GLOBEX_KEY = ApiKeys.newKey("query");

    static LocalStack stack() {
        return stack;
    }

    static DataSource dataSource() {
        return dataSource;
    }

    static String key(String tenant) {
        return OracleWorkload.ACME.equals(tenant) ? ACME_KEY : GLOBEX_KEY;
    }

    @Override
    public Map<String, String> start() {
        stack = LocalStack.builder().start();
        stack.postgres().createDatabase(DATABASE);
        dataSource = stack.postgres().dataSource(DATABASE);
        Migrations.apply(dataSource);
        try (Admin admin = Admin.create(stack.kafka().clientConfig())) {
            TopicCreator.ensure(admin, Topics.all(), Optional.of(PARTITIONS), (short) 1, Duration.ofSeconds(30));
        }
        try (Connection c = dataSource.getConnection()) {
            TestRows.tenant(c, OracleWorkload.ACME, "ACME");
            TestRows.tenant(c, OracleWorkload.GLOBEX, "GLOBEX");
            TestRows.key(c, OracleWorkload.ACME, "query", "developer", ACME_KEY, false);
            TestRows.key(c, OracleWorkload.GLOBEX, "query", "developer", GLOBEX_KEY, false);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the oracle's tenants", e);
        }
        return Map.of(
                "agentmeter.db.url", stack.postgres().jdbcUrl(DATABASE),
                "agentmeter.db.user", stack.postgres().username(),
                "agentmeter.db.password", stack.postgres().password(),
                "agentmeter.auth.cache-ttl", "500ms");
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }
}
