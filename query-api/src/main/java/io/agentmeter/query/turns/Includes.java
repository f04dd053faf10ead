package io.agentmeter.query.turns;

import io.agentmeter.query.http.ApiException;
import java.util.List;

/** Reads the {@code include} parameter: developer-only turn columns, comma-separated or repeated. */
public final class Includes {

    private Includes() {
    }

    public static TurnRepository.Include parse(List<String> values) {
        boolean prompt = false;
        boolean params = false;
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    switch (part.strip()) {
                        case "prompt_text" -> prompt = true;
                        case "params" -> params = true;
                        case "" -> { }
                        default -> throw ApiException.badParameter("include", "must name prompt_text or params, got \""
                                + (part.length() > 40 ? part.substring(0, 40) : part) + "\"");
                    }
                }
            }
        }
        return new TurnRepository.Include(prompt, params);
    }
}
