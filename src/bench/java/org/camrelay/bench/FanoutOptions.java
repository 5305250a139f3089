package org.camrelay.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench fanout}'s command line.
 *
 * @param steps       FLV viewer counts, run one after the other
 * @param mjpeg       MJPEG viewers after the FLV steps; 0 for none
 * @param relayJava   extra options for the relay's JVM
 */
record FanoutOptions(List<Integer> steps, int mjpeg, int seconds, int rampPerSecond, int threads, List<String> relayJava) {

    static final String USAGE = "usage: java -jar target/camrelay-bench.jar fanout [--steps 1000,2000,5000,10000]"
            + " [--mjpeg 1000] [--seconds 20] [--ramp-per-second 1000] [--threads 1]"
            + " [--relay-java-options \"-Xmx1g ...\"]";

    private static final Set<String> NAMES = Set.of("--steps", "--mjpeg", "--seconds", "--ramp-per-second", "--threads",
            "--relay-java-options");

    static FanoutOptions parse(String[] args) {
        List<Integer> steps = List.of(1000, 2000, 5000, 10000);
        int mjpeg = 1000;
        int seconds = 20;
        int ramp = 1000;
        int threads = 1;
        List<String> relayJava = List.of();
        for (Map.Entry<String, String> option : Options.pairs(args, NAMES).entrySet()) {
            String name = option.getKey();
            String value = option.getValue();
            switch (name) {
                case "--steps" -> steps = Options.positiveList(name, value);
                case "--mjpeg" -> mjpeg = Options.positiveOrZero(name, value);
                case "--seconds" -> seconds = Options.positive(name, value);
                case "--ramp-per-second" -> ramp = Options.positive(name, value);
                case "--threads" -> threads = Options.positive(name, value);
                default -> relayJava = Options.words(value);
            }
        }
        return new FanoutOptions(steps, mjpeg, seconds, ramp, threads, relayJava);
    }

    /** The most viewers at once, which the relay's maxViewers and the machine's limits must allow. */
    int mostViewers() {
        return Math.max(mjpeg, steps.stream().mapToInt(Integer::intValue).max().orElse(0));
    }
}
