package io.agentmeter.cli.send;

import java.util.ArrayList;
import java.util.List;

/**
 * What a destination made of a batch.
 *
 * @param accepted   events it accepted (for the gateway: acknowledged by Kafka)
 * @param rejections each event it refused, with the reason; the others were accepted
 */
public record SendResult(int accepted, List<Rejection> rejections) {

    /**
     * One refused event.
     *
     * @param index   its position in the batch sent, from 0
     * @param eventId its event_id, when known
     * @param reason  why, as the destination said
     */
    public record Rejection(int index, String eventId, String reason) {
    }

    public SendResult {
        rejections = List.copyOf(rejections);
    }

    public static SendResult allAccepted(int count) {
        return new SendResult(count, List.of());
    }

    /** This result followed by {@code later}, whose indexes start at {@code offset}. */
    public SendResult plus(SendResult later, int offset) {
        List<Rejection> all = new ArrayList<>(rejections);
        later.rejections.forEach(r -> all.add(new Rejection(r.index() + offset, r.eventId(), r.reason())));
        return new SendResult(accepted + later.accepted, all);
    }
}
