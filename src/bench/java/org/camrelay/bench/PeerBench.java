package org.camrelay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * The relay beside a peer serving the same FLV stream: node-media-server (see {@link NodeMediaServerProcess}),
 * fed by ffmpeg, which reads the relay's {@code stream.flv} and publishes it unchanged ({@code -c copy
 * -copyts}) over RTMP. The same load generator then loads the relay's stream and the peer's, with the same
 * viewers, one after the other in the same run, and the table's two rows compare with their ratios.
 *
 * <p>{@code java -jar target/camrelay-bench.jar peer [--viewers 1000] [--seconds 20] [--ramp-per-second 1000]
 * [--threads 1] [--peer-folder bench/peer] [--ffmpeg ffmpeg] [--relay-java-options "..."]} ({@code --help} lists
 * them); it runs {@code npm ci} in the peer folder first if node-media-server is not installed there.
 *
 * <p>Both rows' lag runs from the relay receiving the camera's frame (see {@link PeerClock} for how the
 * peer's tags are dated), so the peer's includes the relay's hop to ffmpeg, ffmpeg and RTMP: the peer's
 * lag minus the relay's is what serving through the peer added at that load; the hop ffmpeg and the peer
 * add with one viewer each is measured before the load. CPU and memory are the relay's JVM and the peer's
 * node process; ffmpeg's CPU is given apart. While the peer is loaded the relay serves only ffmpeg.
 */
public final class PeerBench {

    private static final int CLOCK_SECONDS = 4;
    private static final long PAUSE_MILLIS = 1000;

    /**
     * {@code bench peer}'s options.
     *
     * @param peerFolder where node-media-server is installed (package.json, package-lock.json, its configuration)
     * @param ffmpeg     the ffmpeg that feeds the peer
     * @param relayJava  extra options for the relay's JVM
     */
    record Options(int viewers, int seconds, int rampPerSecond, int threads, Path peerFolder, String ffmpeg,
            List<String> relayJava) {

        static Options read(CommandLine commandLine) {
            OptionSpec<Integer> viewers = commandLine.positive("viewers", "viewers of each server", 1000);
            OptionSpec<Integer> seconds = commandLine.positive("seconds", "seconds measured per server", 20);
            OptionSpec<Integer> ramp = commandLine.positive("ramp-per-second", "viewers connecting per second", 1000);
            OptionSpec<Integer> threads = commandLine.positive("threads", "the load generator's selector threads", 1);
            OptionSpec<Path> peerFolder = commandLine.path("peer-folder", "where node-media-server is installed (npm ci"
                    + " runs there if it is not)", Path.of("bench", "peer"));
            OptionSpec<String> ffmpeg = commandLine.text("ffmpeg", "the ffmpeg that feeds the peer", "ffmpeg");
            OptionSpec<String> relayJava = commandLine.javaOptions("relay-java-options",
                    "options for the relay's JVM, such as \"-Xmx1g\"");
            OptionSet options = commandLine.parse();
            return new Options(options.valueOf(viewers), options.valueOf(seconds), options.valueOf(ramp),
                    options.valueOf(threads), options.valueOf(peerFolder), options.valueOf(ffmpeg),
                    CommandLine.words(options.valueOf(relayJava)));
        }
    }

    private PeerBench() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return CommandLine.run("peer", args, out, err, Options::read, options -> peer(options, out, err));
    }

    private static int peer(Options options, PrintStream out, PrintStream err) throws InterruptedException {
        String missing = missingTools(options);
        if (missing != null) {
            err.println("bench peer: " + missing);
            return 1;
        }
        ConnectionLimits limits = ConnectionLimits.read();
        out.println("limits: " + limits.describe());
        limits.warnings(options.viewers()).forEach(warning -> err.println("bench peer: WARNING: " + warning));
        return ScratchFolder.use("peer", err, scratch -> {
            NodeMediaServerProcess.install(options.peerFolder(), out);
            compare(options, scratch, out);
            return 0;
        });
    }

    /** What is missing to run, or null. */
    static String missingTools(Options options) {
        if (!NodeMediaServerProcess.onPath(options.ffmpeg())) {
            return options.ffmpeg() + " is not installed (apt-get install ffmpeg)";
        }
        return NodeMediaServerProcess.missingTools(options.peerFolder());
    }

    private static void compare(Options options, ScratchFolder scratch, PrintStream out)
            throws IOException, InterruptedException {
        int maxViewers = Math.max(12_000, options.viewers() + options.viewers() / 5);
        try (RelayProcess relay = RelayProcess.withDemoCamera(maxViewers, options.relayJava(), scratch);
                NodeMediaServerProcess peer = NodeMediaServerProcess.start(options.peerFolder(), scratch);
                ChildProcess ffmpeg = ChildProcess.start("ffmpeg", ffmpegCommand(options.ffmpeg(),
                        relay.url("stream.flv"), peer.rtmpUrl()), scratch.path(), Map.of(), scratch.resolve("ffmpeg.log"))) {
            out.printf(Locale.ROOT, "bench peer: relay pid %d at %s; %s %s pid %d at %s, fed by ffmpeg pid %d"
                    + " (-c copy -copyts over RTMP); logs in %s; %d viewers, %d s per run, ramp %d/s, %d generator"
                    + " thread(s)%n", relay.pid(), relay.url("stream.flv"), NodeMediaServerProcess.PACKAGE,
                    peer.version(), peer.pid(), peer.flvUrl(), ffmpeg.pid(), scratch, options.viewers(),
                    options.seconds(), options.rampPerSecond(), options.threads());
            PeerClock.Calibration clock;
            try {
                clock = PeerClock.calibrate(relay.url("stream.flv"), peer.flvUrl(), CLOCK_SECONDS);
            } catch (IOException e) {
                ffmpeg.checkAlive();
                peer.checkAlive();
                throw e;
            }
            long epoch = relay.streamEpoch() + clock.offsetMillis();
            printClock(clock, out);
            ProcessUsage relayStart = ProcessUsage.of(relay.pid());
            ProcessUsage peerStart = ProcessUsage.of(peer.pid());
            TimeUnit.SECONDS.sleep(FanoutBench.IDLE_SECONDS);
            LoadResult.Usage relayIdle = LoadResult.Usage.between(relayStart, ProcessUsage.of(relay.pid()),
                    FanoutBench.IDLE_SECONDS);
            LoadResult.Usage peerIdle = LoadResult.Usage.between(peerStart, ProcessUsage.of(peer.pid()),
                    FanoutBench.IDLE_SECONDS);
            out.printf(Locale.ROOT, "idle, no viewers but ffmpeg: relay (camera, transcoding) cpu %.0f %% rss %.0f MB;"
                    + " peer cpu %.0f %% rss %.0f MB%n", relayIdle.cpuPercent(), relayIdle.rssEndMb(),
                    peerIdle.cpuPercent(), peerIdle.rssEndMb());

            ResultTable table = new ResultTable(out);
            table.header();
            LoadResult relayResult = LoadGenerator.measure(options(options, relay.url("stream.flv"), relay.pid(),
                    LoadOptions.NO_EPOCH));
            table.row("relay stream.flv", relayResult);
            relay.checkAlive();
            TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);

            ProcessUsage ffmpegStart = ProcessUsage.of(ffmpeg.pid());
            long startNanos = System.nanoTime();
            LoadResult peerResult = LoadGenerator.measure(options(options, peer.flvUrl(), peer.pid(), epoch));
            double ffmpegPercent = (ProcessUsage.of(ffmpeg.pid()).cpuSeconds() - ffmpegStart.cpuSeconds()) * 100
                    / ((System.nanoTime() - startNanos) / 1e9);
            table.row("peer " + NodeMediaServerProcess.PACKAGE, peerResult);
            peer.checkAlive();
            ffmpeg.checkAlive();
            printComparison(relayResult, peerResult, relayIdle, peerIdle, ffmpegPercent, out);
        }
    }

    /**
     * ffmpeg relaying the relay's FLV to the peer: no input buffering or probing beyond the first bytes, so
     * that it forwards each tag as it arrives; {@code -copyts} keeps the relay's timestamps (without it the
     * FLV muxer starts them at 0).
     */
    static List<String> ffmpegCommand(String ffmpeg, URI input, URI output) {
        return List.of(ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "warning", "-fflags", "nobuffer",
                "-analyzeduration", "0", "-probesize", "32", "-copyts", "-i", input.toString(), "-c", "copy", "-f",
                "flv", output.toString());
    }

    private static LoadOptions options(Options options, URI url, long pid, long epoch) {
        return LoadOptions.of(url, options.viewers(), options.seconds(), options.rampPerSecond(), pid,
                options.threads(), epoch);
    }

    private static void printClock(PeerClock.Calibration clock, PrintStream out) {
        out.printf(Locale.ROOT, "peer timestamps: %s (%d of the peer's %d tags matched the relay's %d)%n",
                clock.offsetMillis() == 0 ? "kept, the relay's epoch dates them"
                        : "shifted by " + clock.offsetMillis() + " ms, dated from the relay's epoch plus that",
                clock.matched(), clock.peerTags(), clock.relayTags());
        out.printf(Locale.ROOT, "peer hop with 1 viewer each (ffmpeg, RTMP, %s): p50 %s ms, max %s ms%n",
                NodeMediaServerProcess.PACKAGE, LoadResult.millis(clock.hop().percentile(50)),
                LoadResult.millis(clock.hop().max()));
    }

    private static void printComparison(LoadResult relay, LoadResult peer, LoadResult.Usage relayIdle,
            LoadResult.Usage peerIdle, double ffmpegPercent, PrintStream out) {
        lagRatio(out, "p50", relay.lagP50Micros(), peer.lagP50Micros());
        lagRatio(out, "p99", relay.lagP99Micros(), peer.lagP99Micros());
        lagRatio(out, "max", relay.lagMaxMicros(), peer.lagMaxMicros());
        out.printf(Locale.ROOT, "peer/relay cpu: %s (%.0f %% / %.0f %% of one core; ffmpeg feeding the peer: %.1f %%)%n",
                ratio(peer.server().cpuPercent(), relay.server().cpuPercent()), peer.server().cpuPercent(),
                relay.server().cpuPercent(), ffmpegPercent);
        double relayServing = relay.server().cpuPercent() - relayIdle.cpuPercent();
        double peerServing = peer.server().cpuPercent() - peerIdle.cpuPercent();
        out.printf(Locale.ROOT, "peer/relay cpu above idle (serving the viewers): %s (%.0f %% / %.0f %%)%n",
                ratio(peerServing, relayServing), peerServing, relayServing);
        out.printf(Locale.ROOT, "peer/relay rss: %s (%.0f MB / %.0f MB)%n",
                ratio(peer.server().rssEndMb(), relay.server().rssEndMb()), peer.server().rssEndMb(),
                relay.server().rssEndMb());
        out.printf(Locale.ROOT, "peer/relay frames missed: %d / %d; viewers measured: %d / %d%n", peer.missedTotal(),
                relay.missedTotal(), peer.measured(), relay.measured());
    }

    private static void lagRatio(PrintStream out, String which, long relayMicros, long peerMicros) {
        out.printf(Locale.ROOT, "peer/relay lag %s: %s (%s ms / %s ms; peer minus relay %s ms)%n", which,
                ratio(peerMicros, relayMicros), LoadResult.millis(peerMicros), LoadResult.millis(relayMicros),
                LoadResult.millis(peerMicros - relayMicros));
    }

    static String ratio(double peer, double relay) {
        return relay <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", peer / relay);
    }
}
