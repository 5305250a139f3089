package org.camrelay.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

import org.camrelay.bench.stream.BodyParser;
import org.camrelay.bench.stream.FlvParser;
import org.camrelay.bench.stream.FrameSink;
import org.camrelay.bench.stream.HttpResponseParser;
import org.camrelay.bench.stream.MjpegParser;

/**
 * One viewer: a non-blocking connection that sends its request, parses the response head, then the stream,
 * and measures each frame as its last byte arrives. It holds parser state only, never frame bytes; reads go
 * through its selector thread's shared buffer.
 */
final class ViewerConnection implements FrameSink {

    private static final long WARM_UP_MICROS = 2_000_000;
    private static final long NO_SOURCE = Long.MIN_VALUE;

    private final SocketChannel channel;
    private final LoadStats stats;
    private final MeasurementWindow window;
    private final long openedMicros;
    private final boolean flv;
    /** The FLV epoch given by the run, or {@link LoadOptions#NO_EPOCH} to take the response's X-Stream-Epoch. */
    private final long givenEpoch;
    /** Until the response head is parsed, then dropped with its line buffer. */
    private HttpResponseParser head = new HttpResponseParser();
    private ByteBuffer request;
    private BodyParser body;
    /** Added to a frame's millis to make them epoch milliseconds; -1 when an FLV response had no X-Stream-Epoch. */
    private long epoch;
    private long streamingSinceMicros = Long.MAX_VALUE;
    private long nowMicros;
    private boolean closed;
    private int frames;
    private long missed;
    private long lastSequence = -1;
    private long lastSource = NO_SOURCE;

    /**
     * Opens a non-blocking connection to {@code address} registered with {@code selector}, which sends
     * {@code request} (shared by every viewer and only read) once connected; returns null after counting the
     * failure in {@code stats}.
     */
    static ViewerConnection open(Selector selector, InetSocketAddress address, byte[] request, boolean flv,
            long givenEpoch, LoadStats stats, MeasurementWindow window) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            ViewerConnection viewer = new ViewerConnection(channel, request, flv, givenEpoch, stats, window,
                    MeasurementWindow.nowMicros());
            boolean connected = channel.connect(address);
            channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, viewer);
            return viewer;
        } catch (IOException e) {
            stats.fail("connect: " + e.getMessage());
            window.settle();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // It never carried anything.
                }
            }
            return null;
        }
    }

    ViewerConnection(SocketChannel channel, byte[] request, boolean flv, long givenEpoch, LoadStats stats,
            MeasurementWindow window, long nowMicros) {
        this.channel = channel;
        this.stats = stats;
        this.window = window;
        this.openedMicros = nowMicros;
        this.request = ByteBuffer.wrap(request);
        this.flv = flv;
        this.givenEpoch = givenEpoch;
    }

    /** Handles the channel's readiness; {@code buffer} is the thread's, reused for every read. */
    void ready(SelectionKey key, ByteBuffer buffer, long now) {
        try {
            if (key.isConnectable() && channel.finishConnect()) {
                key.interestOps(SelectionKey.OP_WRITE);
            }
            if (key.isValid() && key.isWritable()) {
                channel.write(request);
                if (!request.hasRemaining()) {
                    request = null;
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (key.isValid() && key.isReadable()) {
                buffer.clear();
                if (channel.read(buffer) < 0) {
                    end(body == null ? "closed before a response" : "closed by the relay");
                    return;
                }
                nowMicros = now;
                received(buffer.flip());
            }
        } catch (IOException e) {
            end(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void received(ByteBuffer bytes) throws IOException {
        if (body == null) {
            if (!head.parse(bytes)) {
                return;
            }
            if (head.status() != 200) {
                if (head.status() == 503) {
                    stats.refused++;
                    window.settle();
                    closed = true;
                    release();
                } else {
                    end("HTTP " + head.status());
                }
                return;
            }
            body = head.body(flv ? new FlvParser(this) : new MjpegParser(head.boundary(), this));
            epoch = !flv ? 0 : givenEpoch != LoadOptions.NO_EPOCH ? givenEpoch : head.streamEpoch();
            head = null;
            streamingSinceMicros = nowMicros;
            stats.connected++;
            window.settle();
        }
        body.parse(bytes);
    }

    @Override
    public void frame(long millis, long sequence) {
        long source = millis + epoch;
        // By source time, so that every viewer counts the same frames however late each gets them.
        long dated = epoch >= 0 ? source * 1000 : nowMicros;
        if (window.contains(dated) && streamingSinceMicros < window.startMicros()) {
            frames++;
            if (lastSequence >= 0 && sequence > lastSequence + 1) {
                missed += sequence - lastSequence - 1;
            }
            if (lastSource != NO_SOURCE) {
                stats.interval.record(source - lastSource);
            }
            if (epoch >= 0 && nowMicros - streamingSinceMicros >= WARM_UP_MICROS) {
                stats.lag.record(nowMicros - source * 1000);
            }
        }
        lastSequence = sequence;
        lastSource = source;
    }

    /** Fails a viewer that has had no response head for {@code timeoutMicros}. */
    void checkTimeout(long now, long timeoutMicros) {
        if (!closed && body == null && now - openedMicros > timeoutMicros) {
            end("no response within " + timeoutMicros / 1_000_000 + " s");
        }
    }

    /** Closes on an error or end of stream: a failure before the stream started, a drop after. */
    private void end(String reason) {
        if (closed) {
            return;
        }
        if (body == null) {
            stats.fail(reason);
            window.settle();
        } else {
            stats.drop(reason);
        }
        closed = true;
        release();
    }

    /** Closes the connection without counting anything: the run is over. */
    void release() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more to read from it either way.
        }
    }

    /** Whether this viewer streamed from before the window opened until now, so that its counts compare. */
    boolean streamedWholeWindow() {
        return !closed && streamingSinceMicros < window.startMicros();
    }

    int frames() {
        return frames;
    }

    long missed() {
        return missed;
    }
}
