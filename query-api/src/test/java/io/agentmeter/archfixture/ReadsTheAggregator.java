package io.agentmeter.archfixture;

import io.agentmeter.aggregator.AggregatorTopology;
import org.apache.kafka.streams.Topology;

/**
 * A fixture of {@code io.agentmeter.query.ArchitectureTest}: what a query API class importing the aggregator would
 * look like (the aggregator is on this module's test classpath only). Nothing uses it.
 */
public final class ReadsTheAggregator {

    private ReadsTheAggregator() {
    }

    public static String describe(Topology topology) {
        return AggregatorTopology.class.getSimpleName() + ": " + topology.describe();
    }
}
