package io.agentmeter.query.it;

import io.agentmeter.schema.auth.ApiKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The data every integration test reads: two tenants' turns, written by the reference sink, and query keys of each
 * role. Built once per test run by {@link QueryTestResource}.
 */
public final class TestWorld {

    public static final String ACME = "acme";
    public static final String GLOBEX = "globex";
    /** The first turn is after this; turns run for about three days (across Europe's 2026 DST change). */
    public static final Instant START = Instant.parse("2026-03-27T00:00:00Z");
    public static final Instant END = Instant.parse("2026-04-01T00:00:00Z");

    public List<GeneratedTurn> acme;
    public List<GeneratedTurn> globex;
    public final String acmeViewer = ApiKeys.newKey("query");
    public final String acmeDeveloper = ApiKeys.newKey("query");
    public final String acmeAdmin = ApiKeys.newKey("query");
    public final String acmeRevoked = ApiKeys.newKey("query");
    public final String acmeIngest = ApiKeys.newKey("ingest");
    public final String globexDeveloper = ApiKeys.newKey("query");

    private TestWorld() {
        acme = new TurnGenerator(ACME, 42).sessions(80, 40, START, 72);
        globex = new TurnGenerator(GLOBEX, 7).sessions(30, 30, START, 72);
    }

    /**
     * The recording a test turn belongs to, by the rule of docs/architecture.md: its own recording_id, else the
     * recording of its user whose span holds it (recording r is user-r's, from {@link #START} to {@link #END}).
     */
    public static String recordingOf(io.agentmeter.schema.event.TurnEvent turn) {
        if (turn.recordingId() != null) {
            return turn.recordingId();
        }
        Instant at = turn.occurredAt();
        if (turn.userId() == null || !turn.userId().startsWith("user-") || at.isBefore(START) || !at.isBefore(END)) {
            return null;
        }
        return turn.tenantId() + "-rec" + turn.userId().substring("user-".length());
    }

    public static TestWorld seed(DataSource dataSource, String jdbcUrl, String user, String password)
            throws Exception {
        TestWorld world = new TestWorld();
        try (Connection c = dataSource.getConnection()) {
            for (String tenant : List.of(ACME, GLOBEX)) {
                TestRows.tenant(c, tenant, tenant.toUpperCase());
            }
            TestRows.key(c, ACME, "query", "viewer", world.acmeViewer, false);
            TestRows.key(c, ACME, "query", "developer", world.acmeDeveloper, false);
            TestRows.key(c, ACME, "query", "admin", world.acmeAdmin, false);
            TestRows.key(c, ACME, "query", "admin", world.acmeRevoked, true);
            TestRows.key(c, ACME, "ingest", null, world.acmeIngest, false);
            TestRows.key(c, GLOBEX, "query", "developer", world.globexDeveloper, false);
            for (String tenant : List.of(ACME, GLOBEX)) {
                for (int r = 0; r < 3; r++) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO recordings (tenant_id, recording_id,"
                            + " user_id, name, config, started_at, stopped_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                        s.setString(1, tenant);
                        s.setString(2, tenant + "-rec" + r);
                        s.setString(3, "user-" + r);
                        s.setString(4, "run " + r);
                        s.setString(5, "{\"preset\": \"p" + r + "\"}");
                        s.setObject(6, START.atOffset(ZoneOffset.UTC));
                        s.setObject(7, END.atOffset(ZoneOffset.UTC));
                        s.executeUpdate();
                    }
                }
            }
        }
        List<GeneratedTurn> all = new ArrayList<>(world.acme);
        all.addAll(world.globex);
        List<GeneratedTurn> written = PipelineSink.write(all, jdbcUrl, user, password);
        java.util.Map<String, GeneratedTurn> byEvent = new java.util.HashMap<>();
        written.forEach(g -> byEvent.put(g.turn().eventId(), g));
        world.acme = world.acme.stream().map(g -> byEvent.get(g.turn().eventId())).toList();
        world.globex = world.globex.stream().map(g -> byEvent.get(g.turn().eventId())).toList();
        return world;
    }

    public List<GeneratedTurn> turns(String tenant) {
        return ACME.equals(tenant) ? acme : globex;
    }
}
