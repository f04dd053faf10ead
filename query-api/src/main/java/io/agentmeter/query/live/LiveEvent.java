package io.agentmeter.query.live;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * One thing written to a live stream: a named event with JSON data (and, for turns, an id to resume after), or a
 * comment (heartbeats), which clients ignore.
 */
public record LiveEvent(String name, String id, String data, String comment) {

    public static final String TURN = "turn";
    public static final String SESSIONS = "sessions";

    public static LiveEvent named(String name, String id, String json) {
        return new LiveEvent(name, id, json, null);
    }

    public static LiveEvent comment(String text) {
        return new LiveEvent(null, null, null, text);
    }

    OutboundSseEvent toSse(Sse sse) {
        OutboundSseEvent.Builder event = sse.newEventBuilder();
        if (comment != null) {
            return event.comment(comment).build();
        }
        if (id != null) {
            event.id(id);
        }
        // The data is JSON text already: written as is (a String would be quoted again by the JSON writer).
        return event.name(name).data(String.class, data).build();
    }
}
