package org.camrelay.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.camrelay.bench.stream.StreamViewer;

/**
 * The load generator's options, from its command line ({@code --help} lists them) or from another benchmark.
 *
 * @param epoch epoch milliseconds at FLV tag timestamp 0, dating the tags instead of the response's
 *              X-Stream-Epoch (for a server that does not send it); {@link #NO_EPOCH} to use the header
 */
record LoadOptions(URI url, InetSocketAddress address, boolean flv, int viewers, int seconds, int rampPerSecond,
        long pid, int threads, long epoch) {

    static final long NO_EPOCH = -1;

    /** Declares the command line's options and reads them; an {@link IllegalArgumentException} says what is wrong. */
    static LoadOptions read(CommandLine commandLine) {
        OptionSpec<String> url = commandLine.required("url",
                "the stream: http://HOST:PORT/cams/CAMERA/STREAM.flv or .mjpeg", "URL");
        OptionSpec<Integer> viewers = commandLine.positive("viewers", "viewers of the stream", 1000);
        OptionSpec<Integer> seconds = commandLine.positive("seconds", "seconds measured, once every viewer streams", 30);
        OptionSpec<Integer> ramp = commandLine.positive("ramp-per-second", "viewers connecting per second", 500);
        OptionSpec<Long> pid = commandLine.positiveLong("pid", "the relay's process, for its CPU time and memory");
        OptionSpec<Integer> threads = commandLine.positive("threads", "selector threads reading the viewers", 1);
        OptionSpec<Long> epoch = commandLine.positiveLong("epoch", "epoch milliseconds at FLV tag timestamp 0, for a"
                + " server that sends no X-Stream-Epoch");
        OptionSet options = commandLine.parse();
        URI uri;
        try {
            uri = new URI(options.valueOf(url));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url is not a URL: " + e.getMessage());
        }
        return of(uri, options.valueOf(viewers), options.valueOf(seconds), options.valueOf(ramp),
                options.has(pid) ? options.valueOf(pid) : 0, options.valueOf(threads),
                options.has(epoch) ? options.valueOf(epoch) : NO_EPOCH);
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
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return StreamViewer.request(url.getRawAuthority(), target, "camrelay-bench-load");
    }

    /** When the {@code index}th viewer (from 0) is due to connect, in nanoseconds after the start. */
    long dueNanos(int index) {
        return index * 1_000_000_000L / rampPerSecond;
    }
}
