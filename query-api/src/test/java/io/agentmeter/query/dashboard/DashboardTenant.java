package io.agentmeter.query.dashboard;

import io.agentmeter.query.it.PipelineSink;
import io.agentmeter.query.it.TestRows;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A tenant of the dashboard tests' own, so what they write (a recording, a live turn) never changes the data the
 * other integration tests count: its keys, a session whose context window fills up past 80, 90 and 95%, and on
 * demand a turn "now" for the live view. Turns go through the aggregator's own topology (in a TopologyTestDriver,
 * on the real clock) and its PostgreSQL sink, as in production.
 */
final class DashboardTenant {

    static final String TENANT = "dashboard";
    static final String CONTEXT_SESSION = "ctx-session";
    static final String LIVE_SESSION = "live-session";
    /** Used / max context tokens of the context session's turns: 50%, 82%, 91%, 96%, 70%. */
    static final long[] CONTEXT_USED = {100_000, 164_000, 182_000, 192_000, 140_000};
    static final long CONTEXT_MAX = 200_000;

    final String developerKey = ApiKeys.newKey("query");
    final String viewerKey = ApiKeys.newKey("query");
    final String ingestKey = ApiKeys.newKey("ingest");
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private DashboardTenant(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    static DashboardTenant seed(String jdbcUrl, String user, String password) throws Exception {
        DashboardTenant tenant = new DashboardTenant(jdbcUrl, user, password);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            TestRows.tenant(c, TENANT, "Dashboard tests");
            TestRows.key(c, TENANT, "query", "developer", tenant.developerKey, false);
            TestRows.key(c, TENANT, "query", "viewer", tenant.viewerKey, false);
            TestRows.key(c, TENANT, "ingest", null, tenant.ingestKey, false);
        }
        // Three days ago, in other rollup windows than today's live turn.
        Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<TurnEvent> turns = new ArrayList<>();
        for (int i = 0; i < CONTEXT_USED.length; i++) {
            turns.add(turn(CONTEXT_SESSION + "-" + i, start.plusSeconds(60L * i + 30), CONTEXT_SESSION,
                    "claude-sonnet-4-5", "anthropic", "context", "planner", i, CONTEXT_USED[i], 1_200L + 300L * i));
        }
        tenant.write(turns);
        return tenant;
    }

    /** One turn at {@code at}, in its own model / project / agent so no rollup row it needs exists yet. */
    void writeLiveTurn(Instant at) throws Exception {
        write(List.of(turn("live-" + at.toEpochMilli(), at, LIVE_SESSION, "gpt-5", "openai", "live", "live-agent", 0,
                20_000, 900L)));
    }

    /** The turns through the aggregator topology, each delivered when it occurred, then its sink into PostgreSQL. */
    private void write(List<TurnEvent> turns) throws Exception {
        PipelineSink.writeAsTheyOccur(turns, jdbcUrl, user, password);
    }

    private static TurnEvent turn(String eventId, Instant at, String session, String model, String provider,
                                      String project, String agent, int index, long contextUsed, long durationMs) {
        Usage usage = new Usage(12_000L + 1_000L * index, 800L + 50L * index, 4_000L, null, null, null, null);
        return new TurnEvent(TurnEvent.CURRENT_SCHEMA_VERSION, TENANT, eventId, at, session, model, provider, project,
                agent, "dash-user", null, null, index, null, durationMs, TurnEvent.STATUS_OK, null, usage, null,
                new ContextWindow(contextUsed, CONTEXT_MAX), null, null, null, null, null, null);
    }
}
