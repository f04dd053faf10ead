package io.agentmeter.aggregator.rollup;

import io.agentmeter.pricing.CostComponent;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.LatencySketch;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.Rollup;
import io.agentmeter.schema.rollup.DescribedAt;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.SortedFigures;
import io.agentmeter.schema.rollup.TokenCount;
import io.agentmeter.schema.rollup.ToolRollup;
import io.agentmeter.schema.rollup.ToolTotals;
import io.agentmeter.schema.rollup.WindowSize;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A compact binary form of the rollups for the aggregator's own state stores (and their changelogs). The rollup
 * topics carry JSON for everyone to read; the stores, read and rewritten on every turn, use this instead: no field
 * names, no base64, no quantiles computed, the sketch in its store form ({@link LatencySketch#writeStoreForm}). A
 * format byte comes first, so the format can change with a store upgrade.
 */
public final class RollupStoreSerdes {

    private static final byte FORMAT = 1;
    private static final CostComponent[] PARTS = CostComponent.values();
    private static final WindowSize[] SIZES = WindowSize.values();

    public static final Serde<SessionRollup> SESSION = serde(RollupStoreSerdes::writeSession,
            RollupStoreSerdes::readSession);
    public static final Serde<ModelRollup> MODEL = serde((out, r) -> {
        writeWindowHead(out, r.tenantId(), r.windowSize(), r.windowStart());
        text(out, r.project());
        text(out, r.provider());
        text(out, r.model());
        writeRollup(out, r.totals());
    }, in -> {
        String tenant = text(in);
        WindowSize size = size(in);
        Instant start = instant(in);
        return new ModelRollup(tenant, size, start, end(size, start), text(in), text(in), text(in), readRollup(in));
    });
    public static final Serde<AgentRollup> AGENT = serde((out, r) -> {
        writeWindowHead(out, r.tenantId(), r.windowSize(), r.windowStart());
        text(out, r.agent());
        writeRollup(out, r.totals());
    }, in -> {
        String tenant = text(in);
        WindowSize size = size(in);
        Instant start = instant(in);
        return new AgentRollup(tenant, size, start, end(size, start), text(in), readRollup(in));
    });
    public static final Serde<ToolRollup> TOOL = serde((out, r) -> {
        writeWindowHead(out, r.tenantId(), r.windowSize(), r.windowStart());
        text(out, r.tool());
        ToolTotals t = r.toolUsage();
        number(out, t.calls());
        number(out, t.durationMs());
        number(out, t.inputTokens());
        number(out, t.outputTokens());
        writeRollup(out, r.totals());
    }, in -> {
        String tenant = text(in);
        WindowSize size = size(in);
        Instant start = instant(in);
        String tool = text(in);
        ToolTotals totals = new ToolTotals(number(in), number(in), number(in), number(in));
        return new ToolRollup(tenant, size, start, end(size, start), tool, totals, readRollup(in));
    });

    private RollupStoreSerdes() {
    }

    /** A growable output buffer. */
    static final class Out {
        ByteBuffer buffer = ByteBuffer.allocate(1024);

        ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            return buffer;
        }

        byte[] toBytes() {
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    private static <T> Serde<T> serde(BiConsumer<Out, T> writer, Function<ByteBuffer, T> reader) {
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) {
                return null;
            }
            Out out = new Out();
            out.room(1).put(FORMAT);
            writer.accept(out, value);
            return out.toBytes();
        }, (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            byte format = in.get();
            if (format != FORMAT) {
                throw new SerializationException("unknown rollup store format " + format + " on " + topic);
            }
            try {
                return reader.apply(in);
            } catch (BufferUnderflowException | BufferOverflowException | IllegalArgumentException e) {
                throw new SerializationException("unreadable rollup store value on " + topic, e);
            }
        });
    }

    private static void writeSession(Out out, SessionRollup r) {
        text(out, r.tenantId());
        text(out, r.sessionId());
        text(out, r.project());
        text(out, r.agent());
        text(out, r.userId());
        text(out, r.recordingId());
        number(out, r.contextPeakTokens());
        number(out, r.contextMaxTokens());
        out.room(4).putInt(r.models().size());
        for (Map.Entry<String, Rollup> model : r.models().entrySet()) {
            text(out, model.getKey());
            writeRollup(out, model.getValue());
        }
        writeRollup(out, r.totals());
        // Appended after the figures, so a value written before DescribedAt existed still reads (as unknown times).
        DescribedAt at = r.describedAt();
        instant(out, at.project());
        instant(out, at.agent());
        instant(out, at.user());
        instant(out, at.recording());
    }

    private static SessionRollup readSession(ByteBuffer in) {
        String tenant = text(in);
        String session = text(in);
        String project = text(in);
        String agent = text(in);
        String user = text(in);
        String recording = text(in);
        Long peak = number(in);
        Long max = number(in);
        int models = in.getInt();
        TreeMap<String, Rollup> byModel = new TreeMap<>();
        for (int i = 0; i < models; i++) {
            byModel.put(text(in), readRollup(in));
        }
        Rollup totals = readRollup(in);
        DescribedAt at = in.hasRemaining() ? new DescribedAt(instant(in), instant(in), instant(in), instant(in))
                : DescribedAt.NONE;
        return new SessionRollup(tenant, session, project, agent, user, recording, peak, max,
                SortedFigures.adopt(byModel), totals, at);
    }

    private static void writeRollup(Out out, Rollup r) {
        out.room(16).putLong(r.turns()).putLong(r.errorTurns());
        for (TokenCount c : new TokenCount[] {r.inputTokens(), r.outputTokens(), r.cacheReadTokens(),
                r.cacheWriteTokens(), r.cacheWrite1hTokens(), r.reasoningTokens(), r.totalTokens()}) {
            number(out, c.sum());
            out.room(8).putLong(c.turns());
        }
        decimal(out, r.costUsd());
        out.room(24).putLong(r.costTurns()).putLong(r.unpricedTurns()).putLong(r.incompleteCostTurns());
        for (CostComponent part : PARTS) {
            decimal(out, r.costBreakdown().get(part.wireName()));
        }
        number(out, r.durationMsSum());
        number(out, r.durationMsMin());
        number(out, r.durationMsMax());
        out.room(8).putLong(r.durationTurns());
        LatencySketch sketch = r.latencySketch();
        sketch.writeStoreForm(out.room(sketch.storeFormSize()));
        instant(out, r.firstSeen());
        instant(out, r.lastSeen());
        out.room(8).putLong(r.version());
    }

    private static Rollup readRollup(ByteBuffer in) {
        long turns = in.getLong();
        long errors = in.getLong();
        TokenCount[] counts = new TokenCount[7];
        for (int i = 0; i < counts.length; i++) {
            Long sum = number(in);
            long reported = in.getLong();
            counts[i] = sum == null && reported == 0 ? TokenCount.NONE : new TokenCount(sum, reported);
        }
        BigDecimal cost = decimal(in);
        long costTurns = in.getLong();
        long unpriced = in.getLong();
        long incomplete = in.getLong();
        TreeMap<String, BigDecimal> breakdown = new TreeMap<>();
        for (CostComponent part : PARTS) {
            BigDecimal value = decimal(in);
            if (value != null) {
                breakdown.put(part.wireName(), value);
            }
        }
        Long dSum = number(in);
        Long dMin = number(in);
        Long dMax = number(in);
        long dTurns = in.getLong();
        LatencySketch sketch = LatencySketch.readStoreForm(in);
        Instant first = instant(in);
        Instant last = instant(in);
        long version = in.getLong();
        return new Rollup(turns, errors, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6],
                cost, costTurns, unpriced, incomplete, SortedFigures.adopt(breakdown), dSum, dMin, dMax, dTurns, sketch,
                first, last, version);
    }

    private static void writeWindowHead(Out out, String tenant, WindowSize size, Instant start) {
        text(out, tenant);
        out.room(1).put((byte) (size == null ? -1 : size.ordinal()));
        instant(out, start);
    }

    private static WindowSize size(ByteBuffer in) {
        byte ordinal = in.get();
        return ordinal < 0 ? null : SIZES[ordinal];
    }

    private static Instant end(WindowSize size, Instant start) {
        return size == null || start == null ? null : start.plus(size.size());
    }

    private static void text(Out out, String value) {
        if (value == null) {
            out.room(4).putInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.room(4 + bytes.length).putInt(bytes.length).put(bytes);
    }

    private static String text(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static void number(Out out, Long value) {
        if (value == null) {
            out.room(1).put((byte) 0);
        } else {
            out.room(9).put((byte) 1).putLong(value);
        }
    }

    private static Long number(ByteBuffer in) {
        return in.get() == 0 ? null : in.getLong();
    }

    /** 0 null; 1 unscaled fits a long; 2 unscaled as bytes. */
    private static void decimal(Out out, BigDecimal value) {
        if (value == null) {
            out.room(1).put((byte) 0);
            return;
        }
        BigInteger unscaled = value.unscaledValue();
        if (unscaled.bitLength() < 64) {
            out.room(13).put((byte) 1).putInt(value.scale()).putLong(unscaled.longValue());
        } else {
            byte[] bytes = unscaled.toByteArray();
            out.room(9 + bytes.length).put((byte) 2).putInt(value.scale()).putInt(bytes.length).put(bytes);
        }
    }

    private static BigDecimal decimal(ByteBuffer in) {
        byte kind = in.get();
        if (kind == 0) {
            return null;
        }
        int scale = in.getInt();
        if (kind == 1) {
            return BigDecimal.valueOf(in.getLong(), scale);
        }
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new BigDecimal(new BigInteger(bytes), scale);
    }

    private static void instant(Out out, Instant value) {
        if (value == null) {
            out.room(1).put((byte) 0);
        } else {
            out.room(13).put((byte) 1).putLong(value.getEpochSecond()).putInt(value.getNano());
        }
    }

    private static Instant instant(ByteBuffer in) {
        return in.get() == 0 ? null : Instant.ofEpochSecond(in.getLong(), in.getInt());
    }
}
