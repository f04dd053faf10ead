package io.agentmeter.archfixture.shared;

/** A shared module's class importing no service. */
public record Plain(String name) {
}
