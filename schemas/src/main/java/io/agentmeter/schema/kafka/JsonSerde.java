package io.agentmeter.schema.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.agentmeter.schema.Json;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON (snake_case, via {@link Json}) for a value type. Bytes that do not parse raise a {@link SerializationException}
 * naming the type, the topic and the parser's reason: never a null that flows on. A null payload stays null, as Kafka
 * uses it for tombstones on compacted topics.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    public JsonSerde(Class<T> type) {
        this.type = type;
        this.reader = Json.mapper().readerFor(type);
        this.writer = Json.mapper().writerFor(type);
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    /** Writes {@code value} as JSON bytes; outside Kafka too (HTTP bodies, tests). */
    public byte[] toBytes(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads JSON bytes as the value type, or fails naming {@code where} the bytes came from. */
    public T fromBytes(String where, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            T value = reader.readValue(bytes);
            if (value == null) {
                throw new SerializationException("JSON null is not a " + type.getSimpleName() + " on " + where);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw notParsable(where, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw notParsable(where, e.getMessage(), e);
        }
    }

    private SerializationException notParsable(String where, String reason, Exception cause) {
        return new SerializationException(
                "bytes on " + where + " are not a valid " + type.getSimpleName() + " JSON document: " + reason, cause);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes("topic " + topic, bytes);
    }
}
