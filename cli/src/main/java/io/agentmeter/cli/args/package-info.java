/**
 * Command-line parsing shared by every command: {@link io.agentmeter.cli.args.Args} (options, flags, positional
 * arguments, durations) and {@link io.agentmeter.cli.args.UsageException} (a command line that cannot be run).
 *
 * <p>Not here: what any one command accepts; each command names its options. This package imports no other package
 * of the command line, so the commands ({@code io.agentmeter.cli}, {@code up}) can all use it.
 */
package io.agentmeter.cli.args;
