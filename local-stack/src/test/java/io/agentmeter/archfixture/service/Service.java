package io.agentmeter.archfixture.service;

/** Stands in for a service's class. */
public class Service {
}
