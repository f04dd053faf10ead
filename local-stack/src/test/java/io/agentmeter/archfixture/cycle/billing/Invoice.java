package io.agentmeter.archfixture.cycle.billing;

import io.agentmeter.archfixture.cycle.orders.Order;

/** The other half: billing imports orders back. */
public record Invoice(Order order) {
}
