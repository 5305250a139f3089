package org.camrelay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code bench socket-floor}: what the machine charges for the writes a relay cannot avoid. One thread
 * writes the same frame to N loopback sockets, as bare as NIO allows, while another thread drains them,
 * like the load generator does. The CPU per write is the floor under the relay's cost per viewer and
 * frame on the same machine; the difference is what Jetty and camrelay add. {@code --writers 2} splits
 * the sockets over two threads, as the relay's fan-out does, to show how far the kernel lets that scale.
 */
final class SocketFloor {

    /** {@code bench socket-floor}'s options. */
    record Options(int viewers, int bytes, int fps, int seconds, int writers) {

        static Options read(CommandLine commandLine) {
            OptionSpec<Integer> viewers = commandLine.positive("viewers", "loopback sockets written to", 2000);
            OptionSpec<Integer> bytes = commandLine.positive("bytes", "bytes of each write, a frame", 13_000);
            OptionSpec<Integer> fps = commandLine.positive("fps", "frames written to every socket per second", 4);
            OptionSpec<Integer> seconds = commandLine.positive("seconds", "seconds of writing", 10);
            OptionSpec<Integer> writers = commandLine.positive("writers", "threads writing, each to its share", 1);
            OptionSet options = commandLine.parse();
            return new Options(options.valueOf(viewers), options.valueOf(bytes), options.valueOf(fps),
                    options.valueOf(seconds), Math.min(options.valueOf(writers), options.valueOf(viewers)));
        }
    }

    private SocketFloor() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return CommandLine.run("socket-floor", args, out, err, Options::read, options -> {
            long descriptors = ConnectionLimits.read().openFiles();
            if (descriptors > 0 && 2L * options.viewers() + 100 > descriptors) {
                err.println("bench socket-floor: " + options.viewers() + " viewers need " + (2 * options.viewers() + 100)
                        + " file descriptors in this one process, and ulimit -n allows " + descriptors);
                return 2;
            }
            measure(options, out);
            return 0;
        });
    }

    private static void measure(Options options, PrintStream out) throws IOException, InterruptedException {
        int viewers = options.viewers();
        int fps = options.fps();
        int writerThreads = options.writers();
        List<SocketChannel> writers = new ArrayList<>();
        List<SocketChannel> readers = new ArrayList<>();
        Selector selector = Selector.open();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), viewers);
            for (int i = 0; i < viewers; i++) {
                SocketChannel reader = SocketChannel.open(server.getLocalAddress());
                reader.configureBlocking(false);
                reader.register(selector, SelectionKey.OP_READ);
                readers.add(reader);
                SocketChannel writer = server.accept();
                writer.configureBlocking(false);
                writer.setOption(StandardSocketOptions.TCP_NODELAY, true);
                writers.add(writer);
            }
            Thread drain = new Thread(() -> drain(selector), "socket-floor-drain");
            drain.setDaemon(true);
            drain.start();

            ByteBuffer frame = ByteBuffer.allocateDirect(options.bytes());
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            ExecutorService pool = Executors.newFixedThreadPool(writerThreads);
            Histogram fanOutMicros = new Histogram(100, 10_000_000);
            LongAdder cpuNanos = new LongAdder();
            LongAdder partial = new LongAdder();
            long writes = 0;
            long periodNanos = 1_000_000_000L / fps;
            long next = System.nanoTime();
            try {
                for (int round = 0; round < options.seconds() * fps; round++) {
                    long start = System.nanoTime();
                    List<Future<?>> slices = new ArrayList<>();
                    for (int slice = 0; slice < writerThreads; slice++) {
                        List<SocketChannel> mine = writers.subList(viewers * slice / writerThreads,
                                viewers * (slice + 1) / writerThreads);
                        slices.add(pool.submit(() -> {
                            long cpuStart = threads.getCurrentThreadCpuTime();
                            for (SocketChannel writer : mine) {
                                ByteBuffer view = frame.duplicate();
                                writer.write(view);
                                partial.add(view.hasRemaining() ? 1 : 0);
                            }
                            cpuNanos.add(threads.getCurrentThreadCpuTime() - cpuStart);
                            return null;
                        }));
                    }
                    for (Future<?> slice : slices) {
                        slice.get();
                    }
                    writes += viewers;
                    fanOutMicros.record((System.nanoTime() - start) / 1000);
                    next += periodNanos;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                }
            } catch (ExecutionException e) {
                throw new IOException("a write failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
            long cpu = cpuNanos.sum();
            line(out, "viewers", viewers);
            line(out, "bytes per write", options.bytes());
            line(out, "writes", writes);
            line(out, "writer threads", writerThreads);
            line(out, "writes cut short", partial.sum());
            line(out, "cpu us per write", String.format("%.2f", cpu / 1000.0 / writes));
            line(out, "one frame to all ms p50", String.format("%.1f", fanOutMicros.percentile(50) / 1000.0));
            line(out, "one frame to all ms max", String.format("%.1f", fanOutMicros.max() / 1000.0));
        } finally {
            selector.close();
            for (SocketChannel channel : writers) {
                channel.close();
            }
            for (SocketChannel channel : readers) {
                channel.close();
            }
        }
    }

    /** Reads and forgets everything, as a viewer that keeps up does. */
    private static void drain(Selector selector) {
        ByteBuffer sink = ByteBuffer.allocateDirect(256 * 1024);
        try {
            while (selector.isOpen()) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    sink.clear();
                    if (((SocketChannel) key.channel()).read(sink) < 0) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            // The selector or a socket closed at the end of the run.
        }
    }

    private static void line(PrintStream out, String key, Object value) {
        out.println(key + ": " + value);
    }
}
