package org.camrelay.component.live;

import java.util.regex.Pattern;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.camrelay.frame.FrameRateMeter;

/**
 * Publishes each exchange's body to the live stream {@code camera/stream}: JPEG frames served over HTTP at
 * {@code /cams/camera/stream.mjpeg} (with the latest frame at {@code /cams/camera/snapshot.jpg}), or FLV
 * tags served at {@code /cams/camera/stream.flv}.
 * <p>
 * In JMX (Camel's endpoint MBean) it shows its stream's figures: viewers, frames and bits per second, bytes sent,
 * frames skipped for slow viewers, viewers served, turned away and stalled; zero while the stream is not open.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "live", title = "Live stream", syntax = "live:camera/stream",
             producerOnly = true, category = { Category.HTTP }, headersClass = LiveConstants.class)
@ManagedResource(description = "Live stream: viewers, frames and bits per second, bytes sent, frames skipped")
public class LiveEndpoint extends DefaultEndpoint {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @UriPath(description = "The camera the stream belongs to; the first part of the viewers' URL.")
    @Metadata(required = true)
    private String camera;
    @UriPath(defaultValue = "stream", description = "The stream's name within the camera.")
    private String stream = "stream";
    @UriParam(defaultValue = "mjpeg", enums = "mjpeg,flv", description = "How the stream is framed for viewers:"
            + " mjpeg takes JPEG frames; flv takes FLV tags with the CamelFrameKeyframe and CamelFrameStreamHeader"
            + " headers, as the transcode component produces them.")
    private LiveFormat format = LiveFormat.MJPEG;
    @UriParam(defaultValue = "8", description = "Frames (FLV tags) queued per viewer beyond what it gets on"
            + " joining; a viewer that falls this far behind skips to the next keyframe.")
    private int viewerQueueSize = 8;
    @UriParam(defaultValue = "1000", description = "Viewers served at once (ffserver's MaxClients); more get"
            + " HTTP 503. 0 means no limit.")
    private int maxViewers = 1000;
    @UriParam(defaultValue = "0", description = "Bits per second this stream may send to all its viewers"
            + " together (ffserver's MaxBandwidth); a viewer who would take it over, at the stream's measured"
            + " bitrate, gets HTTP 503. 0 means no limit.")
    private long maxViewerBitrate;

    private final Object rateLock = new Object();
    // guarded by rateLock: the frame rate of the stream last seen, started afresh when the stream is a new one
    private LiveStream metered;
    private FrameRateMeter framesRate;

    public LiveEndpoint(String uri, LiveComponent component) {
        super(uri, component);
    }

    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    @Override
    public LiveComponent getComponent() {
        return (LiveComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new LiveProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("live: only publishes; viewers connect over HTTP at /cams/"
                + camera + "/" + stream + "." + format.extension());
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (viewerQueueSize < 2) {
            throw new IllegalArgumentException("viewerQueueSize must be at least 2, got " + viewerQueueSize);
        }
        if (maxViewerBitrate < 0) {
            throw new IllegalArgumentException("maxViewerBitrate must be 0 (no limit) or more, got " + maxViewerBitrate);
        }
        if (maxViewers < 0) {
            throw new IllegalArgumentException("maxViewers must be 0 (no limit) or more, got " + maxViewers);
        }
    }

    /** The stream this endpoint publishes into, while a producer of it (or of another endpoint) has it open. */
    public LiveStream liveStream() {
        return getComponent().getStreams().find(camera, stream, format);
    }

    /** Whether the stream is open, i.e. a producer publishes (or has published) into it and viewers can watch. */
    @ManagedAttribute(description = "Whether the stream is open: a route publishes into it")
    public boolean isStreamOpen() {
        return liveStream() != null;
    }

    @ManagedAttribute(description = "Where viewers find the stream, below /cams/, e.g. demo/stream.flv")
    public String getPath() {
        return camera + "/" + stream + "." + format.extension();
    }

    @ManagedAttribute(description = "Viewers watching now")
    public int getViewers() {
        LiveStream live = liveStream();
        return live == null ? 0 : live.viewerCount();
    }

    @ManagedAttribute(description = "Frames (FLV tags) published per second, over the last few seconds")
    public double getFramesPerSecond() {
        LiveStream live = liveStream();
        if (live == null) {
            return 0;
        }
        long frames = live.packetsIn();
        long now = System.nanoTime();
        synchronized (rateLock) {
            if (live != metered) {
                metered = live;
                framesRate = new FrameRateMeter(frames, now);
            }
            return framesRate.perSecond(frames, now);
        }
    }

    @ManagedAttribute(description = "Frames (FLV tags) published")
    public long getFramesPublished() {
        LiveStream live = liveStream();
        return live == null ? 0 : live.packetsIn();
    }

    @ManagedAttribute(description = "Bits per second published, over the last few seconds")
    public long getBitrate() {
        LiveStream live = liveStream();
        return live == null ? 0 : live.bitrate();
    }

    @ManagedAttribute(description = "Bytes sent to all viewers")
    public long getBytesOut() {
        LiveStream live = liveStream();
        return live == null ? 0 : live.bytesOut();
    }

    @ManagedAttribute(description = "Frames (FLV tags) not sent to a viewer that had fallen behind")
    public long getFramesDiscarded() {
        LiveStream live = liveStream();
        return live == null ? 0 : live.packetsDiscarded();
    }

    @ManagedAttribute(description = "Viewers ever attached")
    public long getViewersServed() {
        LiveStream live = liveStream();
        return live == null ? 0 : live.viewersServed();
    }

    @ManagedAttribute(description = "Viewers turned away by maxViewers or maxViewerBitrate")
    public long getViewersRejected() {
        LiveStream live = liveStream();
        return live == null ? 0 : live.viewersRejected();
    }

    @ManagedAttribute(description = "Viewers disconnected because they accepted nothing for too long")
    public long getViewersStalled() {
        LiveStream live = liveStream();
        return live == null ? 0 : live.viewersStalled();
    }

    @ManagedAttribute(description = "The camera the stream belongs to")
    public String getCamera() {
        return camera;
    }

    public void setCamera(String camera) {
        this.camera = camera;
    }

    @ManagedAttribute(description = "The stream's name within the camera")
    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
    }

    public LiveFormat getFormat() {
        return format;
    }

    public void setFormat(LiveFormat format) {
        this.format = format;
    }

    public int getViewerQueueSize() {
        return viewerQueueSize;
    }

    public void setViewerQueueSize(int viewerQueueSize) {
        this.viewerQueueSize = viewerQueueSize;
    }

    @ManagedAttribute(description = "Bits per second the stream may send to all its viewers; 0 means no limit")
    public long getMaxViewerBitrate() {
        return maxViewerBitrate;
    }

    public void setMaxViewerBitrate(long maxViewerBitrate) {
        this.maxViewerBitrate = maxViewerBitrate;
    }

    @ManagedAttribute(description = "Viewers served at once; 0 means no limit")
    public int getMaxViewers() {
        return maxViewers;
    }

    public void setMaxViewers(int maxViewers) {
        this.maxViewers = maxViewers;
    }
}
