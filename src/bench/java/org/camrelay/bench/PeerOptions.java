package org.camrelay.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench peer}'s command line.
 *
 * @param peerFolder where node-media-server is installed (package.json, package-lock.json, its configuration)
 * @param ffmpeg     the ffmpeg that feeds the peer
 * @param relayJava  extra options for the relay's JVM
 */
record PeerOptions(int viewers, int seconds, int rampPerSecond, int threads, Path peerFolder, String ffmpeg,
        List<String> relayJava) {

    static final String USAGE = "usage: java -jar target/camrelay-bench.jar peer [--viewers 1000] [--seconds 20]"
            + " [--ramp-per-second 1000] [--threads 1] [--peer-folder bench/peer] [--ffmpeg ffmpeg]"
            + " [--relay-java-options \"-Xmx1g ...\"]";

    private static final Set<String> NAMES = Set.of("--viewers", "--seconds", "--ramp-per-second", "--threads",
            "--peer-folder", "--ffmpeg", "--relay-java-options");

    static PeerOptions parse(String[] args) {
        int viewers = 1000;
        int seconds = 20;
        int ramp = 1000;
        int threads = 1;
        Path peerFolder = Path.of("bench", "peer");
        String ffmpeg = "ffmpeg";
        List<String> relayJava = List.of();
        for (Map.Entry<String, String> option : Options.pairs(args, NAMES).entrySet()) {
            String name = option.getKey();
            String value = option.getValue();
            switch (name) {
                case "--viewers" -> viewers = Options.positive(name, value);
                case "--seconds" -> seconds = Options.positive(name, value);
                case "--ramp-per-second" -> ramp = Options.positive(name, value);
                case "--threads" -> threads = Options.positive(name, value);
                case "--peer-folder" -> peerFolder = Path.of(value);
                case "--ffmpeg" -> ffmpeg = value;
                default -> relayJava = Options.words(value);
            }
        }
        return new PeerOptions(viewers, seconds, ramp, threads, peerFolder, ffmpeg, relayJava);
    }
}
