package org.camrelay.component.transcode;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.DefaultAsyncProducer;

import org.camrelay.frame.FrameHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes frames on the component's workers through a one-frame mailbox: the frame that arrives while one
 * is being encoded waits, and a newer one replaces it (the replaced frame ends its route). The transcoder is
 * used by one worker at a time, handed on through this object's lock, and the route continues on that worker.
 * <p>
 * In JMX (Camel's producer MBean) it shows the frames it encoded, dropped and failed, and the mean encoding time; its
 * endpoint lists it while it runs ({@link TranscodeEndpoint#producers()}), with the route it belongs to.
 */
@ManagedResource(description = "Encodes a stream's frames: frames encoded, dropped and failed, encoding time")
public class TranscodeProducer extends DefaultAsyncProducer implements RouteIdAware {

    private static final Logger LOG = LoggerFactory.getLogger(TranscodeProducer.class);

    private record Frame(Exchange exchange, AsyncCallback callback) {
    }

    private final TranscodeEndpoint endpoint;
    private final AtomicLong framesEncoded = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong framesFailed = new AtomicLong();
    private final AtomicLong encodeNanos = new AtomicLong();

    private volatile String routeId;
    private Executor workers;
    // guarded by this
    private Frame waiting;
    private boolean encoding;
    private boolean stopped;
    // confined to the worker that holds `encoding`
    private FlvTranscoder transcoder;
    private byte[] streamHeader;
    private long firstNanos;
    private Long epochMillis;

    public TranscodeProducer(TranscodeEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        workers = endpoint.getComponent().workers();
        synchronized (this) {
            stopped = false;
        }
        endpoint.producerStarted(this);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Frame replaced;
        boolean start;
        synchronized (this) {
            if (stopped) {
                exchange.setRouteStop(true);
                callback.done(true);
                return true;
            }
            replaced = waiting;
            waiting = new Frame(exchange, callback);
            start = !encoding;
            encoding = true;
        }
        if (replaced != null) {
            framesDropped.incrementAndGet();
            end(replaced);
        }
        if (start) {
            workers.execute(this::encodeNext);
        }
        return false;
    }

    /** Encodes the waiting frame, then hands the worker back so that no stream holds one for long. */
    private void encodeNext() {
        Frame frame;
        synchronized (this) {
            frame = waiting;
            waiting = null;
        }
        if (frame != null) {
            encode(frame.exchange());
            frame.callback().done(false);
        }
        synchronized (this) {
            if (waiting != null && !stopped) {
                workers.execute(this::encodeNext);
                return;
            }
            encoding = false;
            if (!stopped) {
                return;
            }
        }
        closeTranscoder();
    }

    private void encode(Exchange exchange) {
        Message in = exchange.getIn();
        try {
            byte[] jpeg = in.getMandatoryBody(byte[].class);
            if (transcoder == null) {
                transcoder = new FlvTranscoder(endpoint.getSettings());
                streamHeader = transcoder.header();
                firstNanos = receivedNanos(in);
                epochMillis = in.getHeader(FrameHeaders.RECEIVED_AT, System.currentTimeMillis(), Long.class);
            }
            long start = System.nanoTime();
            List<FlvTag> tags = transcoder.transcode(jpeg, Math.max(0, (receivedNanos(in) - firstNanos) / 1_000_000));
            encodeNanos.addAndGet(System.nanoTime() - start);
            if (tags.isEmpty()) {
                exchange.setRouteStop(true);
                return;
            }
            framesEncoded.incrementAndGet();
            in.setBody(tags.size() == 1 ? tags.get(0).bytes() : concat(tags));
            in.setHeader(FrameHeaders.KEYFRAME, tags.get(0).keyframe());
            in.setHeader(FrameHeaders.STREAM_HEADER, streamHeader);
            in.setHeader(FrameHeaders.STREAM_EPOCH, epochMillis);
        } catch (TranscodeException e) {
            // A frame the decoder refuses is one lost frame, not a failure of the route.
            if (framesFailed.incrementAndGet() == 1) {
                LOG.warn("Stream '{}': a frame could not be transcoded and was dropped: {} (further ones are counted"
                         + " and logged at DEBUG)", endpoint.getName(), e.getMessage());
            } else {
                LOG.debug("Stream '{}': frame dropped: {}", endpoint.getName(), e.getMessage());
            }
            exchange.setRouteStop(true);
        } catch (Exception e) {
            exchange.setException(e);
        }
    }

    private static long receivedNanos(Message in) {
        Long received = in.getHeader(FrameHeaders.RECEIVED_NANOS, Long.class);
        return received != null ? received : System.nanoTime();
    }

    private static byte[] concat(List<FlvTag> tags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tags.forEach(tag -> out.writeBytes(tag.bytes()));
        return out.toByteArray();
    }

    private static void end(Frame frame) {
        frame.exchange().setRouteStop(true);
        frame.callback().done(false);
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.producerStopped(this);
        Frame replaced;
        boolean idle;
        synchronized (this) {
            stopped = true;
            replaced = waiting;
            waiting = null;
            idle = !encoding;
        }
        if (replaced != null) {
            end(replaced);
        }
        // A busy worker closes the transcoder itself when it finishes the frame in hand.
        if (idle) {
            closeTranscoder();
        }
        super.doStop();
    }

    private void closeTranscoder() {
        if (transcoder != null) {
            transcoder.close();
            transcoder = null;
        }
    }

    /** The route that sends to this producer, as Camel set it; null when none did. */
    @Override
    public String getRouteId() {
        return routeId;
    }

    @Override
    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    @ManagedAttribute(description = "Frames encoded")
    public long getFramesEncoded() {
        return framesEncoded.get();
    }

    /** Frames replaced by a newer one while the encoder was busy. */
    @ManagedAttribute(description = "Frames replaced by a newer one while the encoder was busy")
    public long getFramesDropped() {
        return framesDropped.get();
    }

    /** Frames the decoder or encoder refused. */
    @ManagedAttribute(description = "Frames the decoder or encoder refused")
    public long getFramesFailed() {
        return framesFailed.get();
    }

    /** Mean encoding time per frame (decode, scale, encode, mux), in microseconds. */
    @ManagedAttribute(description = "Mean encoding time per frame (decode, scale, encode, mux), in microseconds")
    public double getMeanEncodeMicros() {
        long frames = framesEncoded.get();
        return frames == 0 ? 0 : encodeNanos.get() / 1000.0 / frames;
    }
}
