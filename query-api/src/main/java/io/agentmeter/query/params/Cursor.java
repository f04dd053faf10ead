package io.agentmeter.query.params;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentmeter.query.http.ApiException;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.validation.StorableText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page cursors: base64url of the position after the last item and a digest of the query it belongs to, so a
 * cursor given with other parameters is refused (400) rather than silently paging something else.
 */
public final class Cursor {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursor() {
    }

    /** The cursor after {@code position} in the query described by {@code scope}. */
    public static String encode(String scope, List<String> position) {
        try {
            String body = Json.mapper().writeValueAsString(List.of(digest(scope), position));
            return ENCODER.encodeToString(body.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The position a cursor holds; 400 naming {@code cursor} when it is malformed or from another query. */
    public static List<String> decode(String cursor, String scope) {
        Object[] parts;
        try {
            String body = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
            parts = Json.mapper().readValue(body, Object[].class);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw ApiException.badParameter("cursor", "is not a cursor this API gave out");
        }
        // A cursor is only base64 JSON, so anyone can write one: its values reach SQL and get the parameters' rule.
        if (parts.length != 2 || !(parts[0] instanceof String digest) || !(parts[1] instanceof List<?> position)
                || position.stream().anyMatch(p -> p != null && !(p instanceof String))
                || position.stream().anyMatch(p -> StorableText.problem((String) p) != null)) {
            throw ApiException.badParameter("cursor", "is not a cursor this API gave out");
        }
        if (!digest.equals(digest(scope))) {
            throw ApiException.badParameter("cursor", "belongs to a query with other parameters; start again without"
                    + " it");
        }
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) position;
        return values;
    }

    private static String digest(String scope) {
        return ApiKeys.sha256Hex(scope).substring(0, 16);
    }
}
