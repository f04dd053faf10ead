package io.agentmeter.runtime;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a service's {@code AGENTMETER_*} settings from an environment map and collects every problem instead of
 * stopping at the first, so one start-up error names all the settings that are wrong ({@link #throwIfInvalid}).
 * Names are given without the prefix.
 */
public final class EnvSettings {

    public static final String PREFIX = "AGENTMETER_";

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public EnvSettings(Map<String, String> env) {
        this.env = env;
    }

    /** The value, trimmed; empty when unset or blank. */
    public Optional<String> optional(String name) {
        String value = env.get(PREFIX + name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            problem(PREFIX + name + " is required");
        }
        return value.orElse(null);
    }

    public String text(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public int integer(String name, int fallback, int min, int max) {
        return optional(name).map(v -> parseInt(name, v, min, max)).orElse(fallback);
    }

    public int parseInt(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                problem(PREFIX + name + " must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            problem(PREFIX + name + " must be a whole number, got " + value);
            return min;
        }
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        String v = value.get().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            problem(PREFIX + name + " must be true or false, got " + value.get());
        }
        return v.equals("true");
    }

    public Duration duration(String name, Duration fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration parsed = parseDuration(value.get());
            if (parsed.isNegative()) {
                problem(PREFIX + name + " must not be negative, got " + value.get());
            }
            return parsed;
        } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            problem(PREFIX + name + " must be a duration like 500ms, 90s, 2m, 1h, 7d or PT2M, got " + value.get());
            return fallback;
        }
    }

    /** Records a problem found by the caller's own check (a range across settings, say). */
    public void problem(String message) {
        problems.add(message);
    }

    /** @throws IllegalArgumentException naming every problem found, prefixed with {@code what} */
    public void throwIfInvalid(String what) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid " + what + ": " + String.join("; ", problems));
        }
    }

    /** Reads {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, {@code 7d} or ISO-8601. */
    public static Duration parseDuration(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        Function<String, Long> number = s -> Long.parseLong(s.trim());
        if (v.endsWith("ms")) {
            return Duration.ofMillis(number.apply(v.substring(0, v.length() - 2)));
        }
        long amount = number.apply(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit");
        };
    }
}
