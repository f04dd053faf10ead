package io.agentmeter.aggregator.sink.jdbc;

import static io.agentmeter.aggregator.sink.jdbc.SinkDatabase.decoded;
import static io.agentmeter.aggregator.sink.jdbc.SinkDatabase.priced;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.aggregator.sink.SinkBatch;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.SessionRollup;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink's writes against a real PostgreSQL: the guards that make a replayed or repeated write a no-op. */
class JdbcStorageIT {

    private static final Instant AT = Instant.parse("2026-03-04T10:15:30.123Z");

    @RegisterExtension
    static final SinkDatabase DATABASE = new SinkDatabase();

    @Test
    void shouldWriteATurnOnceWhenItIsTwiceInABatchAndWhenTheBatchIsWrittenAgain() throws Exception {
        PricedTurn first = priced(turn("dup-1", "s-dup", "gpt-5"));
        PricedTurn copy = priced(turn("dup-1", "s-dup", "gpt-4o"));
        PricedTurn other = priced(turn("dup-2", "s-dup", "gpt-5"));

        DATABASE.storage().write(batch(List.of(first, copy, other)));
        DATABASE.storage().write(batch(List.of(first, copy, other)));

        assertThat(query("SELECT count(*) FROM turns WHERE session_id = 's-dup'")).isEqualTo("2");
        assertThat(query("SELECT count(*) FROM turn_keys WHERE event_id LIKE 'dup-%'")).isEqualTo("2");
        assertThat(query("SELECT model FROM turns WHERE event_id = 'dup-1'")).as("the first copy wins")
                .isEqualTo("gpt-5");
    }

    @Test
    void shouldStoreEveryColumnOfATurnAsReported() throws Exception {
        TurnEvent turn = turn("cols-1", "s-cols", "gpt-5");
        DATABASE.storage().write(batch(List.of(priced(turn))));

        assertThat(query("SELECT concat_ws('|', tenant_id, occurred_at AT TIME ZONE 'UTC', input_tokens,"
                + " output_tokens, coalesce(cache_write_tokens::text, 'null'), cost_status, cost_usd, late,"
                + " duration_ms, tools IS NULL) FROM turns WHERE event_id = 'cols-1'"))
                .isEqualTo("acme|2026-03-04 10:15:30.123|10000|3000|null|priced|"
                        + priced(turn).cost().totalUsd().toPlainString() + "|f|1500|t");
    }

    @Test
    void shouldNeverLetAnOlderRollupVersionOverwriteANewerOne() throws Exception {
        SessionRollup one = SessionRollup.EMPTY.plus(priced(turn("v-1", "s-versions", "gpt-5")));
        SessionRollup two = one.plus(priced(turn("v-2", "s-versions", "gpt-5")));

        DATABASE.storage().write(rollupBatch(two));
        DATABASE.storage().write(rollupBatch(one));

        assertThat(query("SELECT turns || '|' || version FROM session_rollups WHERE session_id = 's-versions'"))
                .isEqualTo("2|2");
    }

    @Test
    void shouldWriteOnlyTheNewestRollupOfAKeyReadInOneBatch() throws Exception {
        SessionRollup one = SessionRollup.EMPTY.plus(priced(turn("n-1", "s-newest", "gpt-5")));
        SessionRollup two = one.plus(priced(turn("n-2", "s-newest", "gpt-5")));
        SinkBatch batch = new SinkBatch();
        batch.addRollup(Topics.SESSION_ROLLUPS.name(), "acme:s-newest", sessionBytes(one));
        batch.addRollup(Topics.SESSION_ROLLUPS.name(), "acme:s-newest", sessionBytes(two));
        decoded(batch);

        assertThat(batch.rollups()).isEqualTo(1);
        DATABASE.storage().write(batch);
        assertThat(query("SELECT turns || '|' || version FROM session_rollups WHERE session_id = 's-newest'"))
                .isEqualTo("2|2");
    }

    private static TurnEvent turn(String eventId, String session, String model) {
        return SinkDatabase.turn("acme", eventId, AT, session, model);
    }

    private static SinkBatch batch(List<PricedTurn> turns) {
        SinkBatch batch = new SinkBatch();
        turns.forEach(batch::addTurn);
        return decoded(batch);
    }

    private static SinkBatch rollupBatch(SessionRollup rollup) {
        SinkBatch batch = new SinkBatch();
        batch.addRollup(Topics.SESSION_ROLLUPS.name(), rollup.tenantId() + ":" + rollup.sessionId(),
                sessionBytes(rollup));
        return decoded(batch);
    }

    private static byte[] sessionBytes(SessionRollup rollup) {
        return Topics.SESSION_ROLLUPS.valueSerde().serializer().serialize(Topics.SESSION_ROLLUPS.name(), rollup);
    }

    private static String query(String sql) throws SQLException {
        return DATABASE.query(sql);
    }
}
