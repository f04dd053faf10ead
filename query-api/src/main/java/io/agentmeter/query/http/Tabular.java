package io.agentmeter.query.http;

import java.util.List;

/**
 * An answer that also has a table form, written as CSV when the client asks for {@code text/csv} (or
 * {@code format=csv}). Cells are written as they are: null as an empty cell (unknown, never 0), decimals in full.
 */
public interface Tabular {

    List<String> columns();

    List<List<Object>> rows();
}
