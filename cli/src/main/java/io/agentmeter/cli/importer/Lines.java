package io.agentmeter.cli.importer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.io.IOException;

/** Feeds the complete lines a {@link LineReader} has to a parser: blank lines skipped, garbage reported. */
final class Lines {

    /** Strict: two JSON values glued on one line (a lost line feed) are garbage, not the first of them. */
    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Lines() {
    }

    /** Reads every complete line left and hands each to {@code parser}. */
    static void feed(LineReader reader, LogParser parser, EventPipeline pipeline) throws IOException {
        SourceLine line;
        while ((line = reader.next()) != null) {
            if (reader.lastWasTooLong()) {
                pipeline.problem(line, "line longer than " + (LineReader.MAX_LINE_BYTES >> 20) + " MiB; skipped");
                continue;
            }
            accept(line, parser, pipeline);
        }
    }

    /** One line: skipped when blank, a problem when not a JSON object, else the parser's. */
    static void accept(SourceLine line, LogParser parser, EventPipeline pipeline) {
        if (line.text().isBlank()) {
            return;
        }
        Parsed parsed = parse(line.text());
        if (parsed.json() == null) {
            pipeline.problem(line, parsed.problem());
            return;
        }
        parser.accept(line, parsed.json(), pipeline);
    }

    /** A line parsed: its JSON object, or why it is none. */
    record Parsed(ObjectNode json, String problem) {
    }

    static Parsed parse(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            if (node instanceof ObjectNode object) {
                return new Parsed(object, null);
            }
            return new Parsed(null, "not a JSON object (got " + (node == null ? "nothing"
                    : JsonFields.show(node)) + ")");
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return new Parsed(null, "not valid JSON: " + message);
        }
    }

    /** The line as a JSON object, or null. */
    static ObjectNode object(String text) {
        return parse(text).json();
    }
}
