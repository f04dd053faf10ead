/**
 * The agentmeter command line: importers for real agent logs and the demo agents.
 *
 * <p>Key classes: {@link io.agentmeter.cli.Main} (the entry point), the {@code import} and {@code demo} commands and
 * where they send events ({@code Destination}); {@code up} has a package of its own.
 *
 * <p>Decisions: this package uses its sub-packages and none of them imports it back; what they share lives in a
 * sub-package of its own ({@code args}, {@code turns}). {@code ArchitectureTest} holds that.
 */
package io.agentmeter.cli;
