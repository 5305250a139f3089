package org.camrelay.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The load generator's command line. */
record LoadOptions(URI url, InetSocketAddress address, boolean flv, int viewers, int seconds, int rampPerSecond,
        long pid, int threads) {

    static final String USAGE = "usage: java -jar target/camrelay.jar bench load --url http://HOST:PORT/cams/CAMERA/STREAM.{flv|mjpeg}"
            + " [--viewers 1000] [--seconds 30] [--ramp-per-second 500] [--pid RELAY_PID] [--threads 1]";

    /** Parses the arguments; an {@link IllegalArgumentException} says what is wrong with them. */
    static LoadOptions parse(String[] args) {
        URI url = null;
        int viewers = 1000;
        int seconds = 30;
        int ramp = 500;
        long pid = 0;
        int threads = 1;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--url" -> url = URI.create(value);
                case "--viewers" -> viewers = positive(name, value);
                case "--seconds" -> seconds = positive(name, value);
                case "--ramp-per-second" -> ramp = positive(name, value);
                case "--pid" -> pid = positive(name, value);
                case "--threads" -> threads = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
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
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unknown host " + url.getHost());
        }
        return new LoadOptions(url, address, flv, viewers, seconds, ramp, pid, Math.min(threads, viewers));
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
    }

    /** The request every viewer sends. */
    byte[] request() {
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return ("GET " + target + " HTTP/1.1\r\nHost: " + url.getRawAuthority() + "\r\nUser-Agent: camrelay-bench-load\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** When the {@code index}th viewer (from 0) is due to connect, in nanoseconds after the start. */
    long dueNanos(int index) {
        return index * 1_000_000_000L / rampPerSecond;
    }
}
