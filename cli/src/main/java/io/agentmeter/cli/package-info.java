/** The agentmeter command line: importers for real agent logs and the demo agents. */
package io.agentmeter.cli;
