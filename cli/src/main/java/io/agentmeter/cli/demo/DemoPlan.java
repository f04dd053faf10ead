package io.agentmeter.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.cli.turns.TurnBuilder;
import io.agentmeter.schema.event.TurnEvent;
import java.time.Instant;
import java.util.List;

/**
 * What a demo run sends: historic turns (times in the past, sent first as a backfill) and the live part (turns timed
 * when they are sent, and the recordings around some of them).
 */
public record DemoPlan(List<TurnEvent> historic, List<LiveStep> live) {

    public DemoPlan {
        historic = List.copyOf(historic);
        live = List.copyOf(live);
    }

    /** One step of the live part. */
    public sealed interface LiveStep permits LiveTurn, StartRecording, StopRecording {
    }

    /**
     * A live turn: {@code template} carries a placeholder time; {@link #at(Instant)} times it.
     *
     * @param durationMs how long the turn took (started_at = occurred_at - duration)
     */
    public record LiveTurn(TurnEvent template, long durationMs) implements LiveStep {

        /** The turn, ended at {@code now}. */
        public TurnEvent at(Instant now) {
            return TurnBuilder.from(template).occurredAt(now).startedAt(now.minusMillis(durationMs)).build();
        }
    }

    /** Start a recording (POST /v1/recordings) for {@code userId}, whose next turns it will cover. */
    public record StartRecording(String recordingId, String name, String userId, ObjectNode config)
            implements LiveStep {
    }

    /** Stop a recording (POST /v1/recordings/{id}/stop). */
    public record StopRecording(String recordingId) implements LiveStep {
    }

    /** How many turns the plan sends. */
    public int turns() {
        return historic.size() + (int) live.stream().filter(LiveTurn.class::isInstance).count();
    }

    public List<TurnEvent> liveTemplates() {
        return live.stream().filter(LiveTurn.class::isInstance).map(s -> ((LiveTurn) s).template()).toList();
    }
}
