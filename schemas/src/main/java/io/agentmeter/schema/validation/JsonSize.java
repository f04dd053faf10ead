package io.agentmeter.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The size limits of {@link TurnLimits} measure JSON as {@link Json#mapper()} writes it: compact UTF-8. */
public final class JsonSize {

    private JsonSize() {
    }

    /** How many bytes {@code node} takes as compact UTF-8 JSON; counted while writing, nothing is kept. */
    public static long compactBytes(JsonNode node) {
        CountingStream counter = new CountingStream();
        try {
            Json.mapper().writeValue(counter, node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to a counter", e);
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {

        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
