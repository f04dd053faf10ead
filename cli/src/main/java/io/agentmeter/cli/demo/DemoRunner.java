package io.agentmeter.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.cli.send.EventSink;
import io.agentmeter.cli.send.GatewayClient;
import io.agentmeter.cli.send.RetryPolicy;
import io.agentmeter.cli.send.SendException;
import io.agentmeter.cli.send.SendResult;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.validation.Violation;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a {@link DemoPlan}: the historic turns first, in batches as fast as the destination takes them; then the
 * live part at {@code rate} turns per second, each timed when sent, starting and stopping the recordings on the way
 * (through the gateway; without one, recordings are only announced). Every event is checked with the contract's
 * validator before it is sent.
 */
public final class DemoRunner {

    /** What a run did. */
    public record Result(int sent, int accepted, int rejected, int invalid, int recordings) {
    }

    private static final Duration AFTER_START = Duration.ofMillis(1500);
    private static final Duration BEFORE_STOP = Duration.ofMillis(500);

    private final EventSink sink;
    private final GatewayClient gateway;
    private final TurnEventReader reader;
    private final Clock clock;
    private final RetryPolicy.Sleeper sleeper;
    private final PrintStream log;
    private final double rate;
    private final int batch;
    private int sent;
    private int accepted;
    private int rejected;
    private int invalid;

    /**
     * @param gateway the gateway for recordings, or null (Kafka, dry run)
     * @param rate    live turns per second; 0 for as fast as possible
     */
    public DemoRunner(EventSink sink, GatewayClient gateway, Clock clock, RetryPolicy.Sleeper sleeper,
                      PrintStream log, double rate, int batch) {
        this.sink = sink;
        this.gateway = gateway;
        this.reader = new TurnEventReader(clock);
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
        this.rate = rate;
        this.batch = batch;
    }

    public Result run(DemoPlan plan) throws SendException, InterruptedException {
        List<TurnEvent> buffer = new ArrayList<>();
        for (TurnEvent turn : plan.historic()) {
            add(buffer, turn);
            if (buffer.size() >= batch) {
                flush(buffer);
            }
        }
        flush(buffer);
        if (!plan.historic().isEmpty()) {
            log.printf("demo: %d historic turn(s) sent%n", plan.historic().size());
        }
        int liveTurns = plan.turns() - plan.historic().size();
        if (liveTurns > 0) {
            log.printf("demo: sending %d live turn(s)%s%n", liveTurns,
                    rate > 0 ? String.format(" at %.1f per second", rate) : "");
        }
        int perFlush = rate > 0 ? (int) Math.max(1, Math.min(batch, Math.ceil(rate / 4))) : batch;
        long startNanos = System.nanoTime();
        int live = 0;
        int recordings = 0;
        for (DemoPlan.LiveStep step : plan.live()) {
            if (step instanceof DemoPlan.LiveTurn turn) {
                if (rate > 0) {
                    long dueNanos = startNanos + (long) (live / rate * 1e9);
                    long waitNanos = dueNanos - System.nanoTime();
                    if (waitNanos > 0) {
                        flushIfWaitingLong(buffer, waitNanos);
                        sleeper.sleep(Duration.ofNanos(Math.max(0, dueNanos - System.nanoTime())));
                    }
                }
                add(buffer, turn.at(clock.instant()));
                live++;
                if (buffer.size() >= perFlush) {
                    flush(buffer);
                }
            } else if (step instanceof DemoPlan.StartRecording start) {
                flush(buffer);
                if (gateway == null) {
                    log.printf("demo: (no gateway) would start recording %s \"%s\" for %s%n", start.recordingId(),
                            start.name(), start.userId());
                    continue;
                }
                JsonNode recording = gateway.startRecording(start.name(), start.userId(), start.config(),
                        start.recordingId());
                recordings++;
                log.printf("demo: started recording %s \"%s\" for %s%n",
                        recording == null ? start.recordingId() : recording.path("recording_id").asText(),
                        start.name(), start.userId());
                sleeper.sleep(AFTER_START);
            } else if (step instanceof DemoPlan.StopRecording stop) {
                flush(buffer);
                if (gateway == null) {
                    log.printf("demo: (no gateway) would stop recording %s%n", stop.recordingId());
                    continue;
                }
                sleeper.sleep(BEFORE_STOP);
                gateway.stopRecording(stop.recordingId());
                log.printf("demo: stopped recording %s%n", stop.recordingId());
            }
        }
        flush(buffer);
        return new Result(sent, accepted, rejected, invalid, recordings);
    }

    private void flushIfWaitingLong(List<TurnEvent> buffer, long waitNanos) throws SendException {
        if (waitNanos > 250_000_000L) {
            flush(buffer);
        }
    }

    private void add(List<TurnEvent> buffer, TurnEvent turn) {
        List<Violation> violations = reader.validate(turn);
        if (!violations.isEmpty()) {
            invalid++;
            log.println("demo: not sending invalid turn " + turn.eventId() + ": " + Violation.summary(violations));
            return;
        }
        buffer.add(turn);
    }

    private void flush(List<TurnEvent> buffer) throws SendException {
        if (buffer.isEmpty()) {
            return;
        }
        SendResult result = sink.send(List.copyOf(buffer));
        sent += buffer.size();
        accepted += result.accepted();
        rejected += result.rejections().size();
        for (SendResult.Rejection r : result.rejections()) {
            log.println("demo: rejected " + r.eventId() + ": " + r.reason());
        }
        buffer.clear();
    }
}
