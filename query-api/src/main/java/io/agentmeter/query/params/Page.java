package io.agentmeter.query.params;

import java.util.List;
import java.util.Optional;

/** A checked page request: how many items and, after the first page, where the previous page ended. */
public record Page(int limit, Optional<List<String>> after) {
}
