package io.agentmeter.cli.args;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain command-line parsing: {@code --name value}, {@code --name=value}, flags, repeated options, and positional
 * arguments; {@code --} ends the options. Unknown options and missing values are usage errors.
 */
public final class Args {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)?");

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /**
     * @param withValue the options that take a value (without the leading dashes)
     * @param flags     the options that do not
     */
    public static Args parse(String[] args, Set<String> withValue, Set<String> flags) throws UsageException {
        Args parsed = new Args();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("--") || arg.equals("-")) {
                parsed.positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                parsed.values.computeIfAbsent(name, n -> new ArrayList<>()).add("true");
            } else if (withValue.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                parsed.values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return parsed;
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The option's value (the last one when repeated), or null. */
    public String value(String name) {
        List<String> all = values.get(name);
        return all == null ? null : all.get(all.size() - 1);
    }

    public String value(String name, String fallback) {
        String value = value(name);
        return value == null ? fallback : value;
    }

    /** Every value of a repeatable option, in order. */
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    public List<String> positional() {
        return positional;
    }

    public int intValue(String name, int fallback, int min, int max) throws UsageException {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got " + value);
        }
    }

    public long longValue(String name, long fallback) throws UsageException {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got " + value);
        }
    }

    public double doubleValue(String name, double fallback, double min) throws UsageException {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (!(parsed >= min) || Double.isInfinite(parsed)) {
                throw new UsageException("--" + name + " must be a number of at least " + min + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got " + value);
        }
    }

    /** A duration like {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 7d}; a bare number is seconds. */
    public Duration durationValue(String name, Duration fallback) throws UsageException {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        Duration parsed = parseDuration(value);
        if (parsed == null) {
            throw new UsageException("--" + name + " must be a duration like 500ms, 2s, 1m or 1h, got " + value);
        }
        return parsed;
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** {@code key=value} pairs of a repeatable option. */
    public Map<String, String> pairs(String name) throws UsageException {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String value : values(name)) {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--" + name + " must look like key=value, got " + value);
            }
            pairs.put(value.substring(0, equals), value.substring(equals + 1));
        }
        return pairs;
    }
}
