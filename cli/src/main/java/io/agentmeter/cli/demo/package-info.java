/** Simulated agent teams calling real models of the shipped price book (bin/agentmeter demo). */
package io.agentmeter.cli.demo;
