/**
 * Fuzzing support for the services' tests (issue 18). Key classes: {@link io.agentmeter.localstack.fuzz.HttpFuzzer}
 * (runs seeded cases against a service's endpoints and fails on a 5xx, a hang or an unnamed error),
 * {@code HostileInput} (the seeded values, bodies and headers), {@code RawHttp} (a socket client that sends bytes a
 * real HTTP client would refuse to). Not for production code paths: nothing in the local stack calls it.
 */
package io.agentmeter.localstack.fuzz;
