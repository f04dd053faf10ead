package io.agentmeter.query.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A keyset-paged list answered in the format the client negotiated (by {@code Accept}, or {@code format} through
 * {@link FormatFilter}): the page as JSON (default) or CSV ({@link Tabular}), or its items one JSON object per line
 * as NDJSON. The next page's cursor is in the {@value #NEXT_CURSOR} header on every format, since CSV and NDJSON have
 * no place for it in the body.
 */
@ApplicationScoped
public class PagedAnswer {

    public static final String NEXT_CURSOR = "Next-Cursor";

    private static final MediaType NDJSON_TYPE = MediaType.valueOf(FormatFilter.NDJSON);
    private static final MediaType CSV_TYPE = MediaType.valueOf(Csv.MEDIA_TYPE);
    private static final MediaType[] OFFERED = {MediaType.APPLICATION_JSON_TYPE, NDJSON_TYPE, CSV_TYPE};

    private final ObjectWriter json;

    public PagedAnswer(ObjectMapper mapper) {
        this.json = mapper.writer();
    }

    /** {@code page} (serialized whole as JSON, its rows as CSV), {@code items} its entries for NDJSON. */
    public Response of(Tabular page, List<?> items, String nextCursor, HttpHeaders headers) {
        MediaType format = format(headers);
        Response.ResponseBuilder answer;
        if (format.equals(NDJSON_TYPE)) {
            StreamingOutput lines = output -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
                for (Object item : items) {
                    out.write(json.writeValueAsString(item));
                    out.write('\n');
                }
                out.flush();
            };
            answer = Response.ok(lines, FormatFilter.NDJSON);
        } else {
            answer = Response.ok(page, format.equals(CSV_TYPE) ? Csv.MEDIA_TYPE + "; charset=utf-8"
                    : MediaType.APPLICATION_JSON);
        }
        if (nextCursor != null) {
            answer.header(NEXT_CURSOR, nextCursor);
        }
        return answer.build();
    }

    /** The first format the client accepts, in its order of preference; JSON for anything (or nothing) accepted. */
    private static MediaType format(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            for (MediaType offered : OFFERED) {
                if (accepted.isCompatible(offered)) {
                    return offered;
                }
            }
        }
        return MediaType.APPLICATION_JSON_TYPE;
    }
}
