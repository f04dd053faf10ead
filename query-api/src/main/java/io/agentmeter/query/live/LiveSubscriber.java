package io.agentmeter.query.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One open stream. Events wait here (at most {@code capacity}) until the client has taken the previous ones: the
 * HTTP layer asks for the next event only when the last one was written. A client that falls {@code capacity} events
 * behind is ended rather than allowed to grow memory; it may reconnect with Last-Event-ID and catch up.
 *
 * <p>Its feed writes from the live thread, the HTTP layer asks from its event loop; both go through this object's
 * lock, so the emitter is called by one thread at a time. Ending never calls back into the feed (which prunes ended
 * subscribers on its own thread), so the two locks are never taken in opposite orders.
 */
final class LiveSubscriber {

    private final boolean developer;
    private final int capacity;
    private final long createdNanos = System.nanoTime();
    private final Deque<LiveEvent> pending = new ArrayDeque<>();
    private MultiEmitter<? super LiveEvent> emitter;
    private StoredPosition lastTurn;
    private volatile boolean ended;
    private boolean overflowed;
    private boolean finishing;

    LiveSubscriber(boolean developer, int capacity, StoredPosition lastTurn) {
        this.developer = developer;
        this.capacity = capacity;
        this.lastTurn = lastTurn;
    }

    /** Whether this stream gets prompt text and params (developer and admin keys). */
    boolean developer() {
        return developer;
    }

    /** The events of this stream, for the HTTP layer to subscribe to once. */
    Multi<LiveEvent> events() {
        return Multi.createFrom().<LiveEvent>emitter(this::attach, BackPressureStrategy.ERROR);
    }

    /** Queues a turn unless this stream had it already (a resumed stream may be handed one twice). */
    synchronized void offerTurn(StoredPosition position, LiveEvent event) {
        if (lastTurn != null && position.compareTo(lastTurn) <= 0) {
            return;
        }
        lastTurn = position;
        offer(event);
    }

    synchronized void offer(LiveEvent event) {
        if (ended || finishing) {
            return;
        }
        if (pending.size() >= capacity) {
            overflowed = true;
            end();
            return;
        }
        pending.add(event);
        drain();
    }

    /** Ends the stream once what is queued has been written. */
    synchronized void finish() {
        finishing = true;
        drain();
    }

    /** Ends the stream now, dropping what is queued (the client may reconnect and resume). */
    synchronized void end() {
        if (ended) {
            return;
        }
        ended = true;
        pending.clear();
        if (emitter != null) {
            emitter.complete();
        }
    }

    boolean ended() {
        return ended;
    }

    /** Whether it was ended for falling too far behind. */
    synchronized boolean overflowed() {
        return overflowed;
    }

    /** A stream the HTTP layer never subscribed to (the client left at once) counts as ended after {@code nanos}. */
    synchronized boolean abandoned(long nanos) {
        return emitter == null && System.nanoTime() - createdNanos > nanos;
    }

    private synchronized void attach(MultiEmitter<? super LiveEvent> emitter) {
        this.emitter = emitter;
        // The client went away (or the stream failed): nothing more is queued for it.
        emitter.onTermination(() -> ended = true);
        emitter.onRequest(n -> drain());
        if (ended) {
            emitter.complete();
            return;
        }
        // A comment first, so the response starts at once and the client knows it is connected.
        pending.addFirst(LiveEvent.comment("connected"));
        drain();
    }

    private synchronized void drain() {
        while (emitter != null && !ended && !pending.isEmpty() && emitter.requested() > 0) {
            emitter.emit(pending.poll());
        }
        if (finishing && pending.isEmpty() && emitter != null && !ended) {
            ended = true;
            emitter.complete();
        }
    }
}
