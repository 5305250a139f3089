package org.camrelay.bench.heap;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.camrelay.bench.CommandLine;
import org.camrelay.component.live.LiveFormat;

/**
 * Heap per idle viewer: how much of the relay's heap each viewer of a stream costs while no frames flow.
 *
 * <p>{@code java -jar target/camrelay-bench.jar idle-viewer-heap [--viewers 2000] [--format flv|mjpeg] [--rounds 3]
 * [--top 15]} ({@code --help} lists them)
 *
 * <p>A relay in this JVM serves one idle stream on real Jetty ({@link IdleRelay}); a second process opens the viewers
 * over real loopback TCP connections ({@link IdleViewerClients}), so none of the clients' memory is in this heap. Each
 * round takes a class histogram (after a full GC: live objects only) with no viewer attached, connects the viewers,
 * takes another, and divides the growth by the number of viewers; then the clients go away. A first round is not
 * counted: it grows Jetty's thread and buffer pools and compiles the code. The growth by class says what the bytes are.
 */
public final class IdleViewerHeap {

    /** How long viewers may take to attach, or to detach after their clients left. */
    private static final long ATTACH_MILLIS = 5000;
    private static final long DETACH_MILLIS = 1000;

    private IdleViewerHeap() {
    }

    /**
     * What to measure.
     *
     * @param viewers viewers per round
     * @param format  the stream's format
     * @param rounds  rounds counted, after one warm-up round
     * @param top     classes and packages listed
     */
    record Options(int viewers, LiveFormat format, int rounds, int top) {

        static Options read(CommandLine commandLine) {
            OptionSpec<Integer> viewers = commandLine.positive("viewers", "idle viewers per round", 2000);
            OptionSpec<String> format = commandLine.text("format", "the stream's format: flv or mjpeg", "flv");
            OptionSpec<Integer> rounds = commandLine.positive("rounds", "rounds counted, after one warm-up round", 3);
            OptionSpec<Integer> top = commandLine.positive("top", "classes and packages listed", 15);
            OptionSet options = commandLine.parse();
            LiveFormat liveFormat = LiveFormat.ofExtension(options.valueOf(format));
            if (liveFormat == null) {
                throw new IllegalArgumentException("--format is flv or mjpeg, not '" + options.valueOf(format) + "'");
            }
            return new Options(options.valueOf(viewers), liveFormat, options.valueOf(rounds), options.valueOf(top));
        }
    }

    /**
     * One round's figures.
     *
     * @param heapBefore   live heap bytes without viewers
     * @param heapAfter    live heap bytes with them
     * @param growth       what each class gained, largest first
     * @param leftAttached viewers the relay still had a while after their clients had gone
     */
    record Round(int viewers, long heapBefore, long heapAfter, List<HeapHistogram.Usage> growth, long directGrowth,
            int threadsGrowth, long connectMillis, int leftAttached) {

        double bytesPerViewer() {
            return (double) (heapAfter - heapBefore) / viewers;
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return CommandLine.run("idle-viewer-heap", args, out, err, Options::read, options -> heapPerViewer(options, out));
    }

    private static int heapPerViewer(Options options, PrintStream out) throws Exception {
        try (IdleRelay relay = IdleRelay.start(options.format())) {
            out.printf(Locale.ROOT, "bench idle-viewer-heap: %d viewers of %s on Jetty at 127.0.0.1:%d, no frames;"
                    + " 1 warm-up round + %d%n", options.viewers(), relay.path(), relay.port(), options.rounds());
            List<Round> rounds = new ArrayList<>();
            for (int i = 0; i <= options.rounds(); i++) {
                Round round = measure(relay, options.viewers());
                out.printf(Locale.ROOT, "round %d%s: %.0f bytes/viewer (live heap %.1f -> %.1f MB), direct %+.0f"
                                + " bytes/viewer, threads %+d, connected in %d ms, %d viewers still attached %d s"
                                + " after their clients left%n",
                        i, i == 0 ? " (warm-up)" : "", round.bytesPerViewer(), round.heapBefore() / 1e6,
                        round.heapAfter() / 1e6, (double) round.directGrowth() / round.viewers(),
                        round.threadsGrowth(), round.connectMillis(), round.leftAttached(), DETACH_MILLIS / 1000);
                if (i > 0) {
                    rounds.add(round);
                }
            }
            printSummary(out, options, rounds);
        }
        return 0;
    }

    /** Connects the viewers, measures, lets them go and waits until the relay has no viewer left. */
    static Round measure(IdleRelay relay, int viewers) throws Exception {
        Path before = HeapHistogram.ofThisJvmToFile();
        long directBefore = directBytes();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long filesBefore = openFiles();
        HeapHistogram after;
        long directAfter;
        int threadsAfter;
        long connectMillis;
        try (IdleViewerClients clients = IdleViewerClients.connect(relay.port(), relay.path(), viewers)) {
            // A viewer is attached before its response headers are written, so this should hold at once.
            if (!awaitViewers(relay, viewers, ATTACH_MILLIS)) {
                throw new IllegalStateException("the relay attached " + relay.stream().viewerCount() + " of "
                        + viewers + " viewers");
            }
            connectMillis = clients.connectMillis();
            after = HeapHistogram.ofThisJvm();
            directAfter = directBytes();
            threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        }
        // Whether the relay notices on its own that idle viewers went away; if not, it drops them for the next round.
        awaitViewers(relay, 0, DETACH_MILLIS);
        int leftAttached = relay.stream().viewerCount();
        if (leftAttached > 0) {
            relay.dropViewers();
            if (!awaitViewers(relay, 0, ATTACH_MILLIS)) {
                throw new IllegalStateException(relay.stream().viewerCount() + " viewers stay attached");
            }
        }
        // Jetty closes the connections after the viewers have gone; the next round must not start with some left.
        long deadline = System.currentTimeMillis() + ATTACH_MILLIS;
        while (openFiles() > filesBefore && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        HeapHistogram withoutViewers = HeapHistogram.ofFile(before);
        return new Round(viewers, withoutViewers.totalBytes(), after.totalBytes(), after.growthSince(withoutViewers),
                directAfter - directBefore, threadsAfter - threadsBefore, connectMillis, leftAttached);
    }

    private static boolean awaitViewers(IdleRelay relay, int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (relay.stream().viewerCount() != count) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** File descriptors this process has open: one per connection. */
    private static long openFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/proc/self/fd"))) {
            return files.count();
        }
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    private static void printSummary(PrintStream out, Options options, List<Round> rounds) {
        double[] perViewer = rounds.stream().mapToDouble(Round::bytesPerViewer).sorted().toArray();
        out.printf(Locale.ROOT, "viewers: %d (%s)%n", options.viewers(), options.format().extension());
        out.printf(Locale.ROOT, "heap per idle viewer: %.0f bytes (median of %d rounds; min %.0f, max %.0f)%n",
                median(perViewer), perViewer.length, perViewer[0], perViewer[perViewer.length - 1]);
        Round last = rounds.get(rounds.size() - 1);
        List<HeapHistogram.Usage> growth = last.growth();
        out.printf(Locale.ROOT, "heap growth by class, last round, per viewer (top %d):%n", options.top());
        out.printf(Locale.ROOT, "%10s %9s  %s%n", "bytes", "objects", "class");
        long shown = 0;
        for (HeapHistogram.Usage usage : growth.subList(0, Math.min(options.top(), growth.size()))) {
            out.printf(Locale.ROOT, "%10.1f %9.2f  %s%n", (double) usage.bytes() / last.viewers(),
                    (double) usage.instances() / last.viewers(), usage.className());
            shown += usage.bytes();
        }
        long total = last.heapAfter() - last.heapBefore();
        out.printf(Locale.ROOT, "%10.1f %9s  (all other classes)%n", (double) (total - shown) / last.viewers(), "");
        out.printf(Locale.ROOT, "heap growth by package, last round, per viewer:%n");
        Map<String, Long> byPackage = new TreeMap<>();
        growth.forEach(usage -> byPackage.merge(packageOf(usage.className()), usage.bytes(), Long::sum));
        byPackage.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(options.top()).forEach(entry -> out.printf(Locale.ROOT, "%10.1f  %s%n",
                        (double) entry.getValue() / last.viewers(), entry.getKey()));
    }

    /**
     * The package of a class as the histogram names it, to three levels ({@code org.eclipse.jetty}); arrays go with
     * their element's class, and arrays of primitives on their own.
     */
    static String packageOf(String className) {
        String name = className;
        if (name.startsWith("[")) {
            name = name.replaceFirst("^\\[+", "");
            if (!name.startsWith("L")) {
                return "(arrays of primitives)";
            }
            name = name.substring(1, name.length() - 1); // Ljava.lang.Object;
        }
        String[] parts = name.split("\\.");
        // camrelay's own classes by their package, libraries by their first three parts
        int depth = name.startsWith("org.camrelay.") ? parts.length - 1 : Math.min(3, parts.length - 1);
        return parts.length == 1 ? "(default package)" : String.join(".", Arrays.asList(parts).subList(0, depth));
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
