package io.agentmeter.query.oracle;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * The oracle's own stack only: the other query-api ITs register {@code QueryTestResource} for every test
 * ({@code restrictToAnnotatedClass = false}), which would seed a second database and point the API at it.
 */
public class OracleProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OracleStack.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
