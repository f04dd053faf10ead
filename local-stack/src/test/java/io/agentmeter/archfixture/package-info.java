/**
 * Fixtures of {@code io.agentmeter.architecture.ModuleRulesTest}: tiny classes that break a module rule on purpose,
 * so the test can show the rule failing. Nothing else uses them; no module's rules import them.
 */
package io.agentmeter.archfixture;
