package io.agentmeter.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.schema.event.TurnEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event ids come from the logs, so importing again never counts a turn twice. */
class ReimportTest {

    @Test
    void shouldGiveTheSameIdsWhenImportedAgain() throws Exception {
        Path logs = TestLogs.path("");
        List<String> first = TestLogs.importPaths(logs).events().stream().map(TurnEvent::eventId).toList();
        List<String> second = TestLogs.importPaths(logs).events().stream().map(TurnEvent::eventId).toList();

        // 8 Claude Code + 9 Codex + 3 ZeroClaw + 5 usage turns
        assertThat(first).hasSize(25).doesNotHaveDuplicates();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldCountAResponseCopiedIntoAnotherFileOnce(@TempDir Path dir) throws Exception {
        // Claude Code copies earlier lines into the new file when a session is resumed; Codex files may be copied.
        Path claude = TestLogs.path("claude-code/marot+spotter/short.jsonl");
        Path codex = TestLogs.path("codex/madshn+localpush/"
                + "rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl");
        Files.copy(claude, dir.resolve("original.jsonl"));
        Files.copy(claude, dir.resolve("resumed.jsonl"));
        Files.copy(codex, dir.resolve("rollout-a.jsonl"));
        Files.copy(codex, dir.resolve("rollout-b.jsonl"));

        TestLogs.Imported imported = TestLogs.importPaths(dir);

        assertThat(imported.events()).hasSize(1 + 6);
        assertThat(imported.summary().of(Format.CLAUDE_CODE).duplicates()).isEqualTo(1);
        assertThat(imported.summary().of(Format.CODEX).duplicates()).isEqualTo(6);
    }

    @Test
    void shouldKeepFallbackIdsWhenTheFileMovesToAnotherDirectory(@TempDir Path dir) throws Exception {
        Path kenn = TestLogs.path("claude-code/kenn-io+agentsview/valid_session.jsonl");
        Path moved = Files.createDirectories(dir.resolve("elsewhere")).resolve("valid_session.jsonl");
        Files.copy(kenn, moved);

        assertThat(TestLogs.importPaths(moved).events()).extracting(TurnEvent::eventId)
                .isEqualTo(TestLogs.importPaths(kenn).events().stream().map(TurnEvent::eventId).toList());
    }
}
