package io.agentmeter.archfixture.shared;

import io.agentmeter.archfixture.service.Service;

/** A shared module's class importing a service: what {@code importNoService} forbids. */
public class UsesAService {

    public Service service() {
        return new Service();
    }
}
