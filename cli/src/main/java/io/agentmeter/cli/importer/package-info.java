/**
 * Agent logs to turn events: Claude Code transcripts, Codex CLI sessions, ZeroClaw's costs.jsonl and JSONL of
 * OpenAI / Anthropic usage ({@link io.agentmeter.cli.importer.Format}), a one-off {@link
 * io.agentmeter.cli.importer.Importer} and a {@link io.agentmeter.cli.importer.Watcher} that follows growing files.
 * See docs/importers.md.
 */
package io.agentmeter.cli.importer;
