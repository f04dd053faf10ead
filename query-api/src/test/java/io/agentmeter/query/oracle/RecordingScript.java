package io.agentmeter.query.oracle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.recording.Recording;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Two back-to-back recordings of one user, as the ingest gateway makes them: A runs [T0, T1); starting B at T1 stops
 * A at T1; B is stopped at T2. The user's turns are split by arrival so that some of A's turns are sent before A's
 * start record, some between A's start and B's start, and the rest only after B was started and stopped (and after
 * the aggregator restarted). A few of the user's turns lie outside both recordings, two of them exactly on a boundary
 * ({@code T1} belongs to B, {@code T2} to no recording). Session {@code acme-rec-ab} has turns in both.
 *
 * <p>Semantics the oracle holds the system to: a turn without a {@code recording_id} belongs to the recording of its
 * (tenant, user) whose {@code [started_at, stopped_at)} holds its {@code occurred_at}, whatever the arrival order.
 */
final class RecordingScript {

    static final String USER = "rec-user";

    final String tenant;
    final Instant t0;
    final Instant t1;
    final Instant t2;
    final Recording aStarted;
    final Recording aStopped;
    final Recording bStarted;
    final Recording bStopped;
    /** A's turns sent before A's start record. */
    final List<TurnEvent> aBeforeStart = new ArrayList<>();
    /** A's turns sent after A started and before B started. */
    final List<TurnEvent> aWhileRunning = new ArrayList<>();
    /** A's turns sent only after B started and stopped. */
    final List<TurnEvent> aAfterB = new ArrayList<>();
    final List<TurnEvent> bTurns = new ArrayList<>();
    /** The user's turns outside both recordings: before T0 (sent early) and from T2 on (sent late). */
    final List<TurnEvent> outsideBefore = new ArrayList<>();
    final List<TurnEvent> outsideAfter = new ArrayList<>();

    RecordingScript(String tenant, Instant now, OracleWorkload workload) {
        this.tenant = tenant;
        t0 = now.minus(Duration.ofMinutes(50));
        t1 = now.minus(Duration.ofMinutes(30));
        t2 = now.minus(Duration.ofMinutes(15));
        aStarted = new Recording(tenant, tenant + "-rec-A", USER, "run A", config("a"), t0, null);
        aStopped = aStarted.stoppedAt(t1);
        bStarted = new Recording(tenant, tenant + "-rec-B", USER, "run B", config("b"), t1, null);
        bStopped = bStarted.stoppedAt(t2);
        // A: every 50 s from T0 (the first exactly at T0), and one 1 ms before T1.
        for (int k = 0; k <= 24; k++) {
            Instant at = k < 24 ? t0.plusSeconds(50L * k) : t1.minusMillis(1);
            String session = k % 3 == 0 ? tenant + "-rec-ab" : tenant + "-rec-a";
            TurnEvent t = workload.turn(tenant, session, tenant + "-recA-" + k, k, at, USER, k % 4 == 3 ? 1 : 0);
            (k < 6 ? aBeforeStart : k < 14 ? aWhileRunning : aAfterB).add(t);
        }
        // B: every 70 s from T1 (the first exactly at T1).
        for (int k = 0; k < 12; k++) {
            String session = k % 3 == 0 ? tenant + "-rec-ab" : tenant + "-rec-b";
            bTurns.add(workload.turn(tenant, session, tenant + "-recB-" + k, 100 + k, t1.plusSeconds(70L * k), USER,
                    k % 4 == 3 ? 0 : 1));
        }
        Instant[] before = {t0.minus(Duration.ofMinutes(5)), t0.minusMillis(1)};
        Instant[] after = {t2, t2.plus(Duration.ofMinutes(2)), t2.plus(Duration.ofMinutes(5))};
        for (int k = 0; k < before.length; k++) {
            outsideBefore.add(workload.turn(tenant, tenant + "-rec-x", tenant + "-recX-" + k, k, before[k], USER, 2));
        }
        for (int k = 0; k < after.length; k++) {
            outsideAfter.add(workload.turn(tenant, tenant + "-rec-x", tenant + "-recX-" + (10 + k), 10 + k, after[k],
                    USER, 3));
        }
    }

    List<TurnEvent> allTurns() {
        List<TurnEvent> all = new ArrayList<>(aBeforeStart);
        all.addAll(aWhileRunning);
        all.addAll(aAfterB);
        all.addAll(bTurns);
        all.addAll(outsideBefore);
        all.addAll(outsideAfter);
        return all;
    }

    List<String> ids() {
        return List.of(aStarted.recordingId(), bStarted.recordingId());
    }

    private static ObjectNode config(String preset) {
        return Json.mapper().createObjectNode().put("preset", preset);
    }
}
