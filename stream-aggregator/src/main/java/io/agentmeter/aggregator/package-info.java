/** The Kafka Streams topology (validate, dedupe, price, roll up) and the PostgreSQL sink. */
package io.agentmeter.aggregator;
