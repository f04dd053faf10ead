package io.agentmeter.query.health;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One part on the health bar. */
@Schema(name = "PartState")
public record PartState(
        @Schema(description = "query_api, postgresql, gateway, kafka, aggregator or writer") String part,
        @Schema(description = "The part's name for people") String name,
        @Schema(enumeration = {"up", "down", "unknown"}) String state,
        @Schema(description = "Since when this server has seen the part in this state (its first probe after it"
                + " started at the latest)") Instant since,
        @Schema(description = "Why: what the probe asked and what it got, e.g. the part's own readiness answer")
        String detail) {

    static PartState of(Part part, Verdict verdict, Instant since) {
        return new PartState(part.id(), part.label(), verdict.state().value(), since, verdict.detail());
    }
}
