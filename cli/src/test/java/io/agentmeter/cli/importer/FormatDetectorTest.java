package io.agentmeter.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {

    @Test
    void shouldRecogniseEachFixture() throws Exception {
        assertThat(FormatDetector.detect(TestLogs.path("claude-code/marot+spotter/short.jsonl")))
                .contains(Format.CLAUDE_CODE);
        assertThat(FormatDetector.detect(TestLogs.path(
                "claude-code/ryoppippi+ccusage/projects/project-alpha/session-alpha/chat.jsonl")))
                .contains(Format.CLAUDE_CODE);
        assertThat(FormatDetector.detect(TestLogs.path("claude-code/kenn-io+agentsview/valid_session.jsonl")))
                .contains(Format.CLAUDE_CODE);
        assertThat(FormatDetector.detect(TestLogs.path(
                "codex/ryoppippi+ccusage/sessions/project-alpha/session-alpha.jsonl"))).contains(Format.CODEX);
        assertThat(FormatDetector.detect(TestLogs.path("zeroclaw/hand-written/state/costs.jsonl")))
                .contains(Format.ZEROCLAW);
        assertThat(FormatDetector.detect(TestLogs.path("usage/hand-written/api-usage.jsonl")))
                .contains(Format.USAGE);
    }

    @Test
    void shouldPassOverLinesThatSayNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, "garbage\n\n{\"hello\":1}\n{\"type\":\"summary\",\"summary\":\"s\",\"leafUuid\":\"u\"}\n");
        assertThat(FormatDetector.detect(file)).contains(Format.CLAUDE_CODE);

        Files.writeString(file, "{\"hello\":1}\nnot json\n");
        assertThat(FormatDetector.detect(file)).isEmpty();
        assertThat(FormatDetector.detectLine(Json.mapper().readTree("[1]"))).isEqualTo(Optional.empty());
    }

    @Test
    void shouldSkipUnrecognisedFilesInADirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.jsonl"), "{\"note\":\"nothing to meter\"}\n");
        Files.writeString(dir.resolve("readme.txt"), "not a log\n");

        TestLogs.Imported imported = TestLogs.importPaths(dir);

        assertThat(imported.events()).isEmpty();
        assertThat(imported.summary().unrecognised()).containsExactly(dir.resolve("notes.jsonl"));
    }
}
