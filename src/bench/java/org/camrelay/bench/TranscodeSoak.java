package org.camrelay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import joptsimple.OptionSpec;

import org.camrelay.bench.jmh.CameraRecording;
import org.camrelay.component.transcode.FlvTranscoder;
import org.camrelay.component.transcode.TranscodeException;
import org.camrelay.component.transcode.TranscodeSettings;

/**
 * Transcodes many frames with one transcoder, as a stream does for days, and prints the process's resident
 * memory as it goes, with the Java heap the JVM has committed and the rest: native memory that leaks shows
 * as the rest growing, while the heap may grow until the JVM settles on its size. Frames are real 640x480 4:2:0
 * JPEGs from the simulator; the output is the original ffserver set-up (FLV1, 320x240, 500 kb/s).
 *
 * <p>{@code java -jar target/camrelay-bench.jar transcode-soak [--frames 100000]}.
 */
public final class TranscodeSoak {

    private static final int DISTINCT_FRAMES = 60;

    private TranscodeSoak() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return CommandLine.run("transcode-soak", args, out, err, commandLine -> {
            OptionSpec<Integer> frames = commandLine.positive("frames", "frames through the transcoder", 100_000);
            return commandLine.parse().valueOf(frames);
        }, frames -> soak(frames, out));
    }

    private static int soak(int frames, PrintStream out) throws IOException, InterruptedException, TranscodeException {
        List<byte[]> jpegs = CameraRecording.record(DISTINCT_FRAMES).jpegs();
        out.printf(Locale.ROOT, "transcode-soak: %d frames, FLV1 320x240 from %d distinct 640x480 JPEGs%n",
                frames, jpegs.size());
        out.printf(Locale.ROOT, "%10s %10s %10s %14s %10s%n", "frames", "RSS MB", "heap MB", "RSS-heap MB",
                "us/frame");
        long baseline = 0;
        long nonHeap = 0;
        try (FlvTranscoder transcoder = new FlvTranscoder(TranscodeSettings.DEFAULT)) {
            long start = System.nanoTime();
            for (int i = 1; i <= frames; i++) {
                transcoder.transcode(jpegs.get(i % jpegs.size()), i * 250L);
                if (i % Math.max(1, frames / 10) == 0) {
                    long rss = ProcessUsage.of(ProcessHandle.current().pid()).rssKb();
                    long heap = Runtime.getRuntime().totalMemory() / 1024;
                    nonHeap = rss - heap;
                    // The first tenth warms up the JIT, the allocator and the codec's buffers.
                    baseline = baseline == 0 ? nonHeap : baseline;
                    out.printf(Locale.ROOT, "%10d %10.1f %10.1f %14.1f %10.0f%n", i, rss / 1024.0,
                            heap / 1024.0, nonHeap / 1024.0, (System.nanoTime() - start) / 1000.0 / i);
                }
            }
        }
        out.printf(Locale.ROOT, "growth of RSS-heap after the first tenth: %.1f MB%n",
                (nonHeap - baseline) / 1024.0);
        return 0;
    }
}
