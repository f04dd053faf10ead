package io.agentmeter.query.live;

import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.query.it.PipelineSink;
import io.agentmeter.query.it.TestRows;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.event.Prompt;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A tenant of the live tests' own (so its turns never change what the other tests count), its query keys, and turns
 * "now" written the way production writes them: through the aggregator's topology (on the real clock, in a
 * TopologyTestDriver) and its PostgreSQL sink.
 */
final class LiveTenant {

    private static final AtomicInteger EVENTS = new AtomicInteger();

    final String tenant;
    final String developerKey = ApiKeys.newKey("query");
    final String viewerKey = ApiKeys.newKey("query");
    private final DataSource dataSource;

    private LiveTenant(String tenant, DataSource dataSource) {
        this.tenant = tenant;
        this.dataSource = dataSource;
    }

    static LiveTenant create(String tenant, DataSource dataSource) throws SQLException {
        LiveTenant t = new LiveTenant(tenant, dataSource);
        try (Connection c = dataSource.getConnection()) {
            TestRows.tenant(c, tenant, "live tests " + tenant);
            TestRows.key(c, tenant, "query", "developer", t.developerKey, false);
            TestRows.key(c, tenant, "query", "viewer", t.viewerKey, false);
        }
        return t;
    }

    /** {@code count} turns of {@code session} at about now, each with prompt text and params; returns their ids. */
    List<String> writeTurns(String session, int count) throws Exception {
        List<TurnEvent> turns = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String id = tenant + "-e" + EVENTS.incrementAndGet();
            turns.add(new TurnEvent(TurnEvent.CURRENT_SCHEMA_VERSION, tenant, id, now.minusMillis(count - i), session,
                    "claude-sonnet-4-5", "anthropic", "live", "coder", "user-1", null, null, i, null, 1_000L,
                    TurnEvent.STATUS_OK, null, new Usage(1_000L + i, 100L, null, null, null, null, null), null, null,
                    null, null, Json.mapper().createObjectNode().put("temperature", 0.2),
                    new Prompt("h" + id, "the secret prompt of " + id), null, null));
        }
        write(turns);
        return turns.stream().map(TurnEvent::eventId).toList();
    }

    private void write(List<TurnEvent> turns) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            PipelineSink.writeAsTheyOccur(turns, c.getMetaData().getURL(), c.getMetaData().getUserName(),
                    LocalPostgres.PASSWORD);
        }
    }
}
