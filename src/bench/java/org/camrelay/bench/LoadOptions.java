package org.camrelay.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The load generator's options, from its command line or from another benchmark.
 *
 * @param epoch epoch milliseconds at FLV tag timestamp 0, dating the tags instead of the response's
 *              X-Stream-Epoch (for a server that does not send it); {@link #NO_EPOCH} to use the header
 */
record LoadOptions(URI url, InetSocketAddress address, boolean flv, int viewers, int seconds, int rampPerSecond,
        long pid, int threads, long epoch) {

    static final long NO_EPOCH = -1;

    static final String USAGE = "usage: java -jar target/camrelay-bench.jar load --url http://HOST:PORT/cams/CAMERA/STREAM.{flv|mjpeg}"
            + " [--viewers 1000] [--seconds 30] [--ramp-per-second 500] [--pid RELAY_PID] [--threads 1]"
            + " [--epoch EPOCH_MILLIS]";

    private static final Set<String> NAMES = Set.of("--url", "--viewers", "--seconds", "--ramp-per-second", "--pid",
            "--threads", "--epoch");

    /** Parses the arguments; an {@link IllegalArgumentException} says what is wrong with them. */
    static LoadOptions parse(String[] args) {
        URI url = null;
        int viewers = 1000;
        int seconds = 30;
        int ramp = 500;
        long pid = 0;
        int threads = 1;
        long epoch = NO_EPOCH;
        for (Map.Entry<String, String> option : Options.pairs(args, NAMES).entrySet()) {
            String name = option.getKey();
            String value = option.getValue();
            switch (name) {
                case "--url" -> url = URI.create(value);
                case "--viewers" -> viewers = Options.positive(name, value);
                case "--seconds" -> seconds = Options.positive(name, value);
                case "--ramp-per-second" -> ramp = Options.positive(name, value);
                case "--pid" -> pid = Options.positiveLong(name, value);
                case "--threads" -> threads = Options.positive(name, value);
                default -> epoch = Options.positiveLong(name, value);
            }
        }
        return of(url, viewers, seconds, ramp, pid, threads, epoch);
    }

    /** Options for a run that another benchmark starts, checked as the command line's are. */
    static LoadOptions of(URI url, int viewers, int seconds, int rampPerSecond, long pid, int threads, long epoch) {
        if (url == null || !"http".equals(url.getScheme()) || url.getHost() == null || url.getRawPath() == null) {
            throw new IllegalArgumentException("--url must be an http:// URL");
        }
        boolean flv = url.getPath().endsWith(".flv");
        if (!flv && !url.getPath().endsWith(".mjpeg")) {
            throw new IllegalArgumentException("--url must end in .flv or .mjpeg");
        }
        if (pid != 0 && !Files.isDirectory(Path.of("/proc", Long.toString(pid)))) {
            throw new IllegalArgumentException("no process " + pid + " in /proc");
        }
        if (epoch != NO_EPOCH && !flv) {
            throw new IllegalArgumentException("--epoch dates FLV tags; MJPEG parts carry their own X-Received-At");
        }
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unknown host " + url.getHost());
        }
        return new LoadOptions(url, address, flv, viewers, seconds, rampPerSecond, pid, Math.min(threads, viewers),
                epoch);
    }

    /** The request every viewer sends. */
    byte[] request() {
        return request(url);
    }

    /** A viewer's request for {@code url}. */
    static byte[] request(URI url) {
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return ("GET " + target + " HTTP/1.1\r\nHost: " + url.getRawAuthority() + "\r\nUser-Agent: camrelay-bench-load\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** When the {@code index}th viewer (from 0) is due to connect, in nanoseconds after the start. */
    long dueNanos(int index) {
        return index * 1_000_000_000L / rampPerSecond;
    }
}
