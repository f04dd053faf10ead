package io.agentmeter.query.params;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Cursor pagination: {@code limit} items per page; {@code cursor} is the {@code next_cursor} of the page before. */
public class PageParams {

    @QueryParam("limit")
    @Parameter(description = "Items per page, 1 to 1000 (default 100).")
    public String limit;

    @QueryParam("cursor")
    @Parameter(description = "Opaque: the next_cursor of the previous page, with the same other parameters.")
    public String cursor;
}
