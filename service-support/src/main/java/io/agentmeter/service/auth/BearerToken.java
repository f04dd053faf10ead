package io.agentmeter.service.auth;

import io.agentmeter.service.http.FieldErrors;
import java.util.Locale;

/** The token of an {@code Authorization: Bearer <key>} header, or a 401 naming the header. */
public final class BearerToken {

    private BearerToken() {
    }

    /**
     * The token of {@code authorization}; a 401 {@code unauthorized} about {@code Authorization}, worded by
     * {@code errors}, when it is missing, not {@code Bearer} or empty.
     *
     * @param keyName what the header should carry, as the messages name it: {@code api key}, {@code query key}
     */
    public static String of(String authorization, String keyName, FieldErrors errors) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized(errors, "is missing; send Authorization: Bearer <" + keyName + ">");
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            throw unauthorized(errors, "must be Bearer <" + keyName + ">");
        }
        String token = value.substring(space + 1).strip();
        if (token.isEmpty()) {
            throw unauthorized(errors, "must be Bearer <" + keyName + ">; the key is empty");
        }
        return token;
    }

    private static RuntimeException unauthorized(FieldErrors errors, String reason) {
        return errors.fieldError(401, "unauthorized", "Authorization", reason);
    }
}
