package io.agentmeter.aggregator.rollup;

import io.agentmeter.pricing.CostBreakdown;
import io.agentmeter.pricing.CostComponent;
import io.agentmeter.pricing.CostStatus;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.WindowSize;
import java.math.BigDecimal;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary form of {@link RollupTurn} for the aggregator's internal repartition topics: only the fields a
 * windowed rollup reads (the turn is {@linkplain RollupTurn#slim() slimmed} before), no field names. The public topics
 * ({@code priced-turns}) stay JSON. A format byte comes first.
 */
public final class RollupTurnSerde implements Serde<RollupTurn> {

    private static final byte FORMAT = 1;
    private static final CostComponent[] PARTS = CostComponent.values();
    private static final CostStatus[] STATUSES = CostStatus.values();
    private static final WindowSize[] SIZES = WindowSize.values();

    @Override
    public Serializer<RollupTurn> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<RollupTurn> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return read(ByteBuffer.wrap(data));
            } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new SerializationException("unreadable rollup turn on " + topic, e);
            }
        };
    }

    static byte[] write(RollupTurn value) {
        ByteBuffer out = ByteBuffer.allocate(512);
        Writer w = new Writer(out);
        w.put((byte) FORMAT);
        TurnEvent t = value.priced().turn();
        w.text(t.tenantId());
        w.text(t.eventId());
        w.text(t.sessionId());
        w.text(t.model());
        w.text(t.provider());
        w.text(t.project());
        w.text(t.agent());
        w.text(t.userId());
        w.text(t.status());
        w.text(t.recordingId());
        w.instant(t.occurredAt());
        w.number(t.durationMs());
        Usage u = t.usage();
        w.put((byte) (u == null ? 0 : 1));
        if (u != null) {
            for (Long count : new Long[] {u.inputTokens(), u.outputTokens(), u.cacheReadTokens(),
                    u.cacheWriteTokens(), u.cacheWrite1hTokens(), u.reasoningTokens(), u.totalTokens()}) {
                w.number(count);
            }
        }
        List<ToolUse> tools = t.tools();
        w.putInt(tools == null ? -1 : tools.size());
        if (tools != null) {
            for (ToolUse tool : tools) {
                w.tool(tool);
            }
        }
        w.decimal(t.reportedCostUsd());
        TurnCost c = value.priced().cost();
        w.put((byte) c.status().ordinal());
        w.decimal(c.totalUsd());
        w.decimal(c.computedUsd());
        for (CostComponent part : PARTS) {
            w.decimal(c.breakdown().get(part));
        }
        w.text(c.pricedModel());
        w.text(c.priceTenantId());
        w.text(c.priceVersion());
        w.number(c.tierAboveTokens());
        w.putInt(bits(c.substitutedRates()));
        w.put((byte) (value.priced().late() ? 1 : 0));
        int late = 0;
        for (WindowSize size : value.lateFor()) {
            late |= 1 << size.ordinal();
        }
        w.put((byte) late);
        w.put((byte) (value.beyondHorizon() ? 1 : 0));
        w.put((byte) (value.tool() == null ? 0 : 1));
        if (value.tool() != null) {
            w.tool(value.tool());
        }
        return Arrays.copyOf(w.out.array(), w.out.position());
    }

    static RollupTurn read(ByteBuffer in) {
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown rollup turn format " + format);
        }
        String tenant = text(in);
        String eventId = text(in);
        String session = text(in);
        String model = text(in);
        String provider = text(in);
        String project = text(in);
        String agent = text(in);
        String user = text(in);
        String status = text(in);
        String recording = text(in);
        Instant occurredAt = instant(in);
        Long duration = number(in);
        Usage usage = null;
        if (in.get() == 1) {
            usage = new Usage(number(in), number(in), number(in), number(in), number(in), number(in), number(in));
        }
        int toolCount = in.getInt();
        List<ToolUse> tools = null;
        if (toolCount >= 0) {
            tools = new ArrayList<>(toolCount);
            for (int i = 0; i < toolCount; i++) {
                tools.add(tool(in));
            }
        }
        BigDecimal reported = decimal(in);
        CostStatus costStatus = STATUSES[in.get()];
        BigDecimal total = decimal(in);
        BigDecimal computed = decimal(in);
        BigDecimal[] parts = new BigDecimal[PARTS.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = decimal(in);
        }
        TurnCost cost = new TurnCost(costStatus, total, computed,
                new CostBreakdown(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]), text(in), text(in),
                text(in), number(in), components(in.getInt()));
        boolean late = in.get() == 1;
        int lateBits = in.get();
        Set<WindowSize> lateFor = EnumSet.noneOf(WindowSize.class);
        for (WindowSize size : SIZES) {
            if ((lateBits & (1 << size.ordinal())) != 0) {
                lateFor.add(size);
            }
        }
        boolean beyond = in.get() == 1;
        ToolUse tool = in.get() == 1 ? tool(in) : null;
        TurnEvent turn = new TurnEvent(TurnEvent.CURRENT_SCHEMA_VERSION, tenant, eventId, occurredAt, session, model,
                provider, project, agent, user, null, null, null, null, duration, status, null, usage, null, null,
                tools, reported, null, null, null, recording);
        return new RollupTurn(new PricedTurn(turn, cost, late), lateFor, beyond, tool);
    }

    private static int bits(Set<CostComponent> components) {
        int bits = 0;
        for (CostComponent component : components) {
            bits |= 1 << component.ordinal();
        }
        return bits;
    }

    private static Set<CostComponent> components(int bits) {
        Set<CostComponent> set = EnumSet.noneOf(CostComponent.class);
        for (CostComponent component : PARTS) {
            if ((bits & (1 << component.ordinal())) != 0) {
                set.add(component);
            }
        }
        return set;
    }

    /** Appends to a buffer that grows as needed. */
    private static final class Writer {
        ByteBuffer out;

        Writer(ByteBuffer out) {
            this.out = out;
        }

        ByteBuffer room(int bytes) {
            if (out.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
            return out;
        }

        void put(byte b) {
            room(1).put(b);
        }

        void putInt(int i) {
            room(4).putInt(i);
        }

        void text(String value) {
            if (value == null) {
                putInt(-1);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            room(4 + bytes.length).putInt(bytes.length).put(bytes);
        }

        void number(Long value) {
            if (value == null) {
                put((byte) 0);
            } else {
                room(9).put((byte) 1).putLong(value);
            }
        }

        void instant(Instant value) {
            if (value == null) {
                put((byte) 0);
            } else {
                room(13).put((byte) 1).putLong(value.getEpochSecond()).putInt(value.getNano());
            }
        }

        void decimal(BigDecimal value) {
            if (value == null) {
                put((byte) 0);
                return;
            }
            byte[] unscaled = value.unscaledValue().toByteArray();
            room(9 + unscaled.length).put((byte) 1).putInt(value.scale()).putInt(unscaled.length).put(unscaled);
        }

        void tool(ToolUse tool) {
            text(tool.name());
            number(tool.calls() == null ? null : tool.calls().longValue());
            number(tool.durationMs());
            number(tool.inputTokens());
            number(tool.outputTokens());
        }
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

    private static Long number(ByteBuffer in) {
        return in.get() == 0 ? null : in.getLong();
    }

    private static Instant instant(ByteBuffer in) {
        return in.get() == 0 ? null : Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static BigDecimal decimal(ByteBuffer in) {
        if (in.get() == 0) {
            return null;
        }
        int scale = in.getInt();
        byte[] unscaled = new byte[in.getInt()];
        in.get(unscaled);
        return new BigDecimal(new java.math.BigInteger(unscaled), scale);
    }

    private static ToolUse tool(ByteBuffer in) {
        String name = text(in);
        Long calls = number(in);
        return new ToolUse(name, calls == null ? null : calls.intValue(), number(in), number(in), number(in));
    }
}
