package org.camrelay.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code bench transcode-vs-ffmpeg}'s command line. */
record TranscodeVsFfmpegOptions(int frames, int warmupFrames, int rounds, Path ffmpeg) {

    static final String USAGE = "usage: java -jar target/camrelay-bench.jar transcode-vs-ffmpeg [--frames 1000]"
            + " [--rounds 3] [--warmup-frames 300] [--ffmpeg /usr/bin/ffmpeg]";

    private static final Set<String> NAMES = Set.of("--frames", "--rounds", "--warmup-frames", "--ffmpeg");

    /** Parses the arguments; an {@link IllegalArgumentException} says what is wrong with them. */
    static TranscodeVsFfmpegOptions parse(String[] args) {
        int frames = 1000;
        int rounds = 3;
        int warmup = 300;
        Path ffmpeg = Path.of("/usr/bin/ffmpeg");
        for (Map.Entry<String, String> option : Options.pairs(args, NAMES).entrySet()) {
            String name = option.getKey();
            String value = option.getValue();
            switch (name) {
                case "--frames" -> frames = Options.positive(name, value);
                case "--rounds" -> rounds = Options.positive(name, value);
                case "--warmup-frames" -> warmup = Options.positive(name, value);
                default -> ffmpeg = Path.of(value);
            }
        }
        // ffmpeg's start-up is measured with a 1-frame run and taken out, which needs a longer one to compare
        if (frames < 2) {
            throw new IllegalArgumentException("--frames must be at least 2, not " + frames);
        }
        return new TranscodeVsFfmpegOptions(frames, warmup, rounds, ffmpeg);
    }
}
