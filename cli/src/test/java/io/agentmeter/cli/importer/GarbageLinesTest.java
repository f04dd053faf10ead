package io.agentmeter.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.event.TurnEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreadable lines are reported with file:line and a reason; the valid lines around them are all imported. */
class GarbageLinesTest {

    private static String assistant(String id, String usage) {
        return "{\"timestamp\":\"2026-01-09T10:00:00.000Z\",\"sessionId\":\"s-1\",\"requestId\":\"r-" + id
                + "\",\"message\":{\"role\":\"assistant\",\"id\":\"m-" + id
                + "\",\"model\":\"claude-sonnet-4-5\",\"usage\":" + usage + "}}";
    }

    @Test
    void shouldReportGarbageWithLineNumbersAndKeepEveryValidLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.jsonl");
        String text = String.join("\n",
                assistant("1", "{\"input_tokens\":10,\"output_tokens\":5}"),                        // 1 ok
                "this is not json",                                                                   // 2
                "[1, 2, 3]",                                                                          // 3
                assistant("2", "{\"input_tokens\":20,\"output_tokens\":6}"),                        // 4 ok
                assistant("3", "{\"input_tokens\":\"12\",\"output_tokens\":6}"),                    // 5
                "{\"type\":\"assistant\",\"message\":{\"id\":\"m-4\",\"model\":\"claude-sonnet-4-5\","
                        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}},\"requestId\":\"r-4\"}",  // 6
                assistant("5", "{\"input_tokens\":30,\"output_tokens\":-5}"),                       // 7
                "",                                                                                   // 8 blank
                assistant("6", "{\"input_tokens\":40,\"output_tokens\":7}"),                        // 9 ok
                assistant("7", "{\"input_tokens\":1,\"output_tokens\":1}") + "{\"glued\":true}",    // 10
                assistant("8", "{\"input_tokens\":1,\"cache_read_input_tokens\":5,\"output_tokens\":1}"), // 11 ok
                "{\"timestamp\":\"2026-01-09T10:00:00.000Z\",\"sessionId\":\"s-1\",\"mess");          // 12, cut
        Files.writeString(file, text, StandardCharsets.UTF_8);

        TestLogs.Imported imported = TestLogs.importPaths(ImportOptions.standard().withFormat(Format.CLAUDE_CODE), file);

        assertThat(imported.events()).extracting(TurnEvent::eventId).containsExactly(
                EventIds.hashed("cc:", "m-1", "r-1"), EventIds.hashed("cc:", "m-2", "r-2"),
                EventIds.hashed("cc:", "m-6", "r-6"), EventIds.hashed("cc:", "m-8", "r-8"));
        List<String> problems = imported.summary().problems().stream().map(ImportProblem::toString).toList();
        assertThat(problems).containsExactly(
                file + ":2: not valid JSON: " + problems.get(0).substring((file + ":2: not valid JSON: ").length()),
                file + ":3: not a JSON object (got [1,2,3])",
                file + ":5: message.usage.input_tokens must be a number, got \"12\"",
                file + ":6: assistant line with usage but no timestamp",
                file + ":7: message.usage.output_tokens must not be negative, got -5",
                file + ":10: " + problems.get(5).substring((file + ":10: ").length()),
                file + ":12: incomplete last line (no line feed at the end and not valid JSON: still being"
                        + " written?); not imported");
        assertThat(problems.get(5)).contains(":10: not valid JSON");
        assertThat(imported.summary().problemCount()).isEqualTo(7);
    }
}
