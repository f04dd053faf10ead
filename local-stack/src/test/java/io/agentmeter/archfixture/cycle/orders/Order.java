package io.agentmeter.archfixture.cycle.orders;

import io.agentmeter.archfixture.cycle.billing.Invoice;

/** Half of a package cycle: orders imports billing. */
public class Order {

    public Invoice invoice() {
        return new Invoice(this);
    }
}
