package io.agentmeter.query.live;

import io.agentmeter.query.turns.TurnRow;

/** A turn as stored, with prompt text and params, and where it sits in the stored order. */
public record StoredTurn(StoredPosition position, TurnRow row) {
}
