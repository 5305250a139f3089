package org.camrelay.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code bench cameras}' command line.
 *
 * @param relayJava extra options for the relay's JVM, e.g. to record a JFR profile
 * @param keepGoing measure the steps after the first that fails too, to see how the losses grow
 */
record CamerasPerNodeOptions(int start, int step, int max, int seconds, int warmupSeconds, List<String> relayJava,
        boolean keepGoing) {

    static final String USAGE = "usage: java -jar target/camrelay-bench.jar cameras [--start 50] [--step 50] [--max 400]"
            + " [--seconds 20] [--warmup 5] [--relay-java-options \"-XX:StartFlightRecording=filename=relay.jfr\"]"
            + " [--keep-going]";

    private static final String KEEP_GOING = "--keep-going";
    private static final Set<String> NAMES = Set.of("--start", "--step", "--max", "--seconds", "--warmup",
            "--relay-java-options");

    /** Parses the arguments; an {@link IllegalArgumentException} says what is wrong with them. */
    static CamerasPerNodeOptions parse(String[] args) {
        int start = 50;
        int step = 50;
        int max = 400;
        int seconds = 20;
        int warmup = 5;
        List<String> relayJava = List.of();
        boolean keepGoing = Arrays.asList(args).contains(KEEP_GOING);
        String[] pairs = Arrays.stream(args).filter(arg -> !arg.equals(KEEP_GOING)).toArray(String[]::new);
        for (Map.Entry<String, String> option : Options.pairs(pairs, NAMES).entrySet()) {
            String name = option.getKey();
            String value = option.getValue();
            switch (name) {
                case "--start" -> start = Options.positive(name, value);
                case "--step" -> step = Options.positive(name, value);
                case "--max" -> max = Options.positive(name, value);
                case "--seconds" -> seconds = Options.positive(name, value);
                case "--warmup" -> warmup = Options.positive(name, value);
                default -> relayJava = Options.words(value);
            }
        }
        if (max < start) {
            throw new IllegalArgumentException("--max " + max + " is below --start " + start);
        }
        return new CamerasPerNodeOptions(start, step, max, seconds, warmup, relayJava, keepGoing);
    }

    /** The camera counts of the steps, from {@code start} by {@code step} to at most {@code max}. */
    List<Integer> steps() {
        return IntStream.iterate(start, n -> n <= max, n -> n + step).boxed().toList();
    }
}
