package org.camrelay.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.bytedeco.ffmpeg.global.avutil;
import org.camrelay.bench.jmh.CameraRecording;
import org.camrelay.bench.stream.FlvParser;
import org.camrelay.component.transcode.FlvTag;
import org.camrelay.component.transcode.FlvTranscoder;
import org.camrelay.component.transcode.TranscodeException;
import org.camrelay.component.transcode.TranscodeSettings;

/**
 * Transcoding CPU per frame: camrelay's in-process {@link FlvTranscoder} against the {@code ffmpeg} command
 * line tool, on the same frames, with the same settings, in the same run.
 *
 * <p>{@code java -jar target/camrelay-bench.jar transcode-vs-ffmpeg [--frames 1000] [--rounds 3]
 * [--warmup-frames 300] [--ffmpeg /usr/bin/ffmpeg]} ({@code --help} lists them)
 *
 * <p>The frames are the simulator's 640x480 4:2:0 JPEGs, a few dozen distinct ones cycled, written one after
 * another to an MJPEG file for ffmpeg. The output is the demo's stream.flv: FLV1, 320x240, 4 fps, 500 kb/s,
 * qmin 1, qmax 5, a keyframe every 2 s (8 frames). Both sides decode, scale (area averaging, to limited-range
 * yuv420p), encode and mux every frame: in the relay a frame-rate limiter drops a 6 fps camera's extra frames
 * before they are decoded, so the frames fed here are those that pass it, and ffmpeg gets them at the output
 * rate with frame dropping and duplication off. Each side has one thread: ffmpeg's decoder, filters and
 * encoder are limited to one, as the relay's transcoder uses one per stream.
 *
 * <p>The relay's CPU is the measuring thread's, after a warm-up that lets the JIT compile the Java side, with
 * the transcoder opened before the clock starts. ffmpeg's is its whole process's user and system time, taken
 * from the kernel when it ends; its start-up (loading, opening the codecs, the first frame) is measured by a
 * 1-frame run and taken out, so that both figures are per frame in steady state. The ratio with the start-up
 * counted is printed too. The rounds alternate the two sides; the figures are each side's median.
 */
public final class TranscodeVsFfmpeg {

    /** Enough for motion and a varied picture, pulled from the simulator in about 2 s. */
    private static final int DISTINCT_FRAMES = 60;
    private static final TranscodeSettings SETTINGS = TranscodeSettings.DEFAULT;
    private static final long FRAME_MILLIS = Math.round(1000 / SETTINGS.fps());
    /** How long one ffmpeg run may take: a few seconds for 1,000 frames. */
    private static final Duration FFMPEG_TIMEOUT = Duration.ofMinutes(10);
    /** ffmpeg's CPU time beyond its start-up below which ticks of 10 ms make the figure meaningless. */
    private static final double MEASURABLE_MICROS = 200_000;

    /**
     * What one side produced and the CPU time it took: {@code cpuSeconds} is what is compared,
     * {@code processCpuSeconds} all of the process's.
     */
    private record Encoded(int frames, long bytes, double cpuSeconds, double processCpuSeconds) {
    }

    /** {@code bench transcode-vs-ffmpeg}'s options. */
    record Options(int frames, int warmupFrames, int rounds, Path ffmpeg) {

        static Options read(CommandLine commandLine) {
            OptionSpec<Integer> frames = commandLine.positive("frames", "frames each side transcodes per round", 1000);
            OptionSpec<Integer> rounds = commandLine.positive("rounds", "rounds, alternating the two sides", 3);
            OptionSpec<Integer> warmup = commandLine.positive("warmup-frames", "frames through camrelay's transcoder"
                    + " before the first round, for the JIT", 300);
            OptionSpec<Path> ffmpeg = commandLine.path("ffmpeg", "the ffmpeg command line tool",
                    Path.of("/usr/bin/ffmpeg"));
            OptionSet options = commandLine.parse();
            // ffmpeg's start-up is measured with a 1-frame run and taken out, which needs a longer one to compare
            if (options.valueOf(frames) < 2) {
                throw new IllegalArgumentException("--frames must be at least 2, not " + options.valueOf(frames));
            }
            return new Options(options.valueOf(frames), options.valueOf(warmup), options.valueOf(rounds),
                    options.valueOf(ffmpeg));
        }
    }

    private TranscodeVsFfmpeg() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return CommandLine.run("transcode-vs-ffmpeg", args, out, err, Options::read,
                options -> compare(options, out, err));
    }

    private static int compare(Options options, PrintStream out, PrintStream err)
            throws IOException, InterruptedException, TranscodeException {
        if (!Files.isExecutable(options.ffmpeg())) {
            err.println("bench transcode-vs-ffmpeg: no ffmpeg at " + options.ffmpeg() + " (apt-get install ffmpeg, or"
                    + " --ffmpeg PATH)");
            return 1;
        }
        List<byte[]> distinct = CameraRecording.record(Math.min(DISTINCT_FRAMES, options.frames())).jpegs();
        List<byte[]> frames = new ArrayList<>(options.frames());
        for (int i = 0; i < options.frames(); i++) {
            frames.add(distinct.get(i % distinct.size()));
        }
        ScratchFolder folder = ScratchFolder.create("camrelay-transcode-vs-ffmpeg");
        try {
            Path input = folder.resolve("frames.mjpeg");
            try (OutputStream file = Files.newOutputStream(input)) {
                for (byte[] jpeg : frames) {
                    file.write(jpeg);
                }
            }
            out.printf(Locale.ROOT, "bench transcode-vs-ffmpeg: %d frames of 640x480 4:2:0 JPEG (%d distinct from the"
                    + " simulator, cycled, %.1f kB each on average) to FLV1 %dx%d, %s fps, %d kb/s, qmin %d, qmax %d, a"
                    + " keyframe every %d frames; every frame decoded, scaled and encoded; one thread each%n",
                    frames.size(), distinct.size(), Files.size(input) / 1024.0 / frames.size(), SETTINGS.width(),
                    SETTINGS.height(), number(SETTINGS.fps()), SETTINGS.bitrate() / 1000, SETTINGS.qmin(),
                    SETTINGS.qmax(), SETTINGS.gopSize());
            line(out, "camrelay", "org.camrelay.component.transcode.FlvTranscoder (FFmpeg " + avutil.av_version_info().getString()
                    + " through JavaCPP)");
            line(out, "ffmpeg", options.ffmpeg() + " (" + ffmpegVersion(options.ffmpeg()) + ")");
            warmUp(distinct, options.warmupFrames());
            // Rounds alternate the two sides, so that a change in the machine's other load hits both alike.
            double[] ourMicros = new double[options.rounds()];
            double[] theirMicros = new double[options.rounds()];
            double[] startUps = new double[options.rounds()];
            Encoded ours = null;
            Encoded theirs = null;
            for (int round = 0; round < options.rounds(); round++) {
                ours = camrelay(frames);
                Encoded startUp = ffmpeg(options.ffmpeg(), input, folder.resolve("first.flv"), 1);
                theirs = ffmpeg(options.ffmpeg(), input, folder.resolve("all.flv"), frames.size());
                if (ours.frames() != frames.size() || theirs.frames() != frames.size()) {
                    err.printf(Locale.ROOT, "bench transcode-vs-ffmpeg: %d frames in, camrelay encoded %d, ffmpeg %d%n",
                            frames.size(), ours.frames(), theirs.frames());
                    return 1;
                }
                ourMicros[round] = ours.cpuSeconds() * 1e6 / frames.size();
                theirMicros[round] = (theirs.cpuSeconds() - startUp.cpuSeconds()) * 1e6 / (frames.size() - 1);
                startUps[round] = startUp.cpuSeconds();
                out.printf(Locale.ROOT, "round %d: camrelay %.0f us/frame (process %.0f), ffmpeg %.0f us/frame"
                        + " (start-up %.3f s taken out), ratio %.2f%n", round + 1, ourMicros[round],
                        ours.processCpuSeconds() * 1e6 / frames.size(), theirMicros[round], startUp.cpuSeconds(),
                        theirMicros[round] / ourMicros[round]);
            }
            double ourMedian = median(ourMicros);
            double theirMedian = median(theirMicros);
            double startUp = median(startUps);
            report(out, "camrelay", ours, ourMedian);
            line(out, "ffmpeg start-up cpu s", seconds(startUp) + " (a 1-frame run, taken out)");
            report(out, "ffmpeg", theirs, theirMedian);
            if (theirMedian * (frames.size() - 1) < MEASURABLE_MICROS) {
                line(out, "note", "too few frames to measure ffmpeg's CPU time per frame, which the kernel counts in"
                        + " clock ticks; use --frames 1000 or more");
            }
            line(out, "ratio camrelay/ffmpeg frames per cpu s", String.format(Locale.ROOT, "%.2f",
                    theirMedian / ourMedian));
            line(out, "ratio with ffmpeg's start-up counted", String.format(Locale.ROOT, "%.2f",
                    (theirMedian * (frames.size() - 1) / 1e6 + startUp) / frames.size() * 1e6 / ourMedian));
            return 0;
        } finally {
            folder.delete(); // the frames are large; what went wrong is in the exception
        }
    }

    /** Runs the transcoder's Java and native code enough for the JIT to compile the Java side. */
    private static void warmUp(List<byte[]> jpegs, int frames) throws TranscodeException {
        try (FlvTranscoder transcoder = new FlvTranscoder(SETTINGS)) {
            for (int i = 0; i < frames; i++) {
                transcoder.transcode(jpegs.get(i % jpegs.size()), i * FRAME_MILLIS);
            }
        }
    }

    /** Transcodes every frame; its CPU time is the calling thread's. */
    private static Encoded camrelay(List<byte[]> frames) throws IOException, TranscodeException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long self = ProcessHandle.current().pid();
        try (FlvTranscoder transcoder = new FlvTranscoder(SETTINGS)) {
            long bytes = transcoder.header().length;
            int videoTags = 0;
            double processStart = ProcessUsage.of(self).cpuSeconds();
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < frames.size(); i++) {
                for (FlvTag tag : transcoder.transcode(frames.get(i), i * FRAME_MILLIS)) {
                    bytes += tag.bytes().length;
                    videoTags++;
                }
            }
            double cpu = (threads.getCurrentThreadCpuTime() - start) / 1e9;
            return new Encoded(videoTags, bytes, cpu, ProcessUsage.of(self).cpuSeconds() - processStart);
        }
    }

    /** Runs ffmpeg on the first {@code frames} frames of {@code input}; its CPU time is the whole process's. */
    private static Encoded ffmpeg(Path ffmpeg, Path input, Path output, int frames)
            throws IOException, InterruptedException {
        List<String> command = List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-filter_threads", "1",
                "-threads", "1", "-f", "mjpeg", "-framerate", number(SETTINGS.fps()), "-i", input.toString(),
                "-frames:v", Integer.toString(frames), "-fps_mode", "passthrough",
                // the relay's scaler: area averaging, converting full-range JPEG to limited-range yuv420p at once
                "-vf", "scale=" + SETTINGS.width() + ":" + SETTINGS.height() + ":flags=area,format=yuv420p",
                "-threads", "1", "-c:v", "flv", "-b:v", Integer.toString(SETTINGS.bitrate()),
                "-qmin", Integer.toString(SETTINGS.qmin()), "-qmax", Integer.toString(SETTINGS.qmax()),
                "-g", Integer.toString(SETTINGS.gopSize()), "-bf", "0", "-f", "flv", "-y", output.toString());
        double before = ProcessUsage.endedChildrenCpuSeconds();
        ChildProcess.run("ffmpeg", command, Path.of(""), FFMPEG_TIMEOUT);
        double cpu = ProcessUsage.endedChildrenCpuSeconds() - before;
        return new Encoded(videoTags(output), Files.size(output), cpu, cpu);
    }

    /** Video tags in an FLV file, counted with the load generator's parser. */
    private static int videoTags(Path flv) throws IOException {
        int[] tags = {0};
        FlvParser parser = new FlvParser((millis, sequence) -> tags[0]++);
        try (InputStream in = Files.newInputStream(flv)) {
            byte[] chunk = new byte[64 * 1024];
            for (int n; (n = in.read(chunk)) > 0; ) {
                parser.parse(ByteBuffer.wrap(chunk, 0, n));
            }
        } catch (ProtocolException e) {
            throw new IOException(flv + ": " + e.getMessage(), e);
        }
        return tags[0];
    }

    private static String ffmpegVersion(Path ffmpeg) throws IOException, InterruptedException {
        String first = ChildProcess.run("ffmpeg -version", List.of(ffmpeg.toString(), "-version"), Path.of(""),
                FFMPEG_TIMEOUT).lines().findFirst().orElse("");
        return first.startsWith("ffmpeg version ") ? "FFmpeg " + first.split(" ")[2] : first;
    }

    /** One side's output in the last round, and its median CPU time per frame over the rounds. */
    private static void report(PrintStream out, String who, Encoded last, double microsPerFrame) {
        line(out, who + " frames out", last.frames());
        line(out, who + " kB out", String.format(Locale.ROOT, "%.1f", last.bytes() / 1024.0));
        line(out, who + " us per frame", String.format(Locale.ROOT, "%.0f", microsPerFrame));
        line(out, who + " frames per cpu s", String.format(Locale.ROOT, "%.0f", 1e6 / microsPerFrame));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static void line(PrintStream out, String key, Object value) {
        out.println(key + ": " + value);
    }
}
