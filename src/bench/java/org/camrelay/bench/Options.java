package org.camrelay.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark's {@code --name value} arguments and their checks; an {@link IllegalArgumentException} says
 * what is wrong, for the command to print above its usage.
 */
public final class Options {

    private Options() {
    }

    /** The arguments by name, each of {@code names} at most once, in the order given. */
    public static Map<String, String> pairs(String[] args, Set<String> names) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            pairs.put(name, args[++i]);
        }
        return pairs;
    }

    public static int positive(String name, String value) {
        long number = positiveLong(name, value);
        if (number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE + ", not '" + value + "'");
        }
        return (int) number;
    }

    static long positiveLong(String name, String value) {
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
    }

    /** 0 or a positive number: 0 turns a part of a benchmark off. */
    static int positiveOrZero(String name, String value) {
        return "0".equals(value.trim()) ? 0 : positive(name, value);
    }

    /** A comma-separated list of positive numbers, such as {@code 1000,2000,5000}. */
    static List<Integer> positiveList(String name, String value) {
        List<Integer> numbers = new ArrayList<>();
        for (String item : value.split(",")) {
            numbers.add(positive(name, item.trim()));
        }
        return List.copyOf(numbers);
    }

    /** Options for a JVM, split on spaces: {@code "-Xmx2g -XX:StartFlightRecording=filename=relay.jfr"}. */
    static List<String> words(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }
}
