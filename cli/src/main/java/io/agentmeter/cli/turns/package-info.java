/**
 * Turn events built field by field ({@link io.agentmeter.cli.turns.TurnBuilder}), for the importers' parsers and the
 * demo agents.
 *
 * <p>Not here: where events go ({@code send}) or what a log line means ({@code importer}). This package imports no
 * other package of the command line.
 */
package io.agentmeter.cli.turns;
