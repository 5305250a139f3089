package org.camrelay.component.transcode;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
import org.camrelay.frame.ImageSize;
import org.camrelay.frame.FrameHeaders;

/**
 * Replaces each JPEG frame with the FLV tag that encodes it, ready for a {@code live:...?format=flv}
 * endpoint. Encoding runs on the component's worker threads; while a frame is being encoded only the newest
 * next frame waits, older ones end their route, so a slow encoder drops frames and never builds a queue.
 * The defaults are the original ffserver set-up: FLV1, 320x240, 4 fps, 500 kb/s, qmin 1, qmax 5.
 * <p>
 * Each route sending here has its own {@link TranscodeProducer} with its own encoder and figures; in JMX (Camel's
 * endpoint MBean) the endpoint shows their totals.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "transcode", title = "FFmpeg transcoder", syntax = "transcode:name",
             producerOnly = true, category = { Category.TRANSFORMATION }, headersClass = TranscodeConstants.class)
@ManagedResource(description = "FFmpeg transcoder: frames encoded, dropped and failed by its producers")
public class TranscodeEndpoint extends DefaultEndpoint {

    @UriPath(description = "Names the output stream in logs, e.g. demo/stream.")
    @Metadata(required = true)
    private String name;
    @UriParam(defaultValue = "flv1", enums = "flv1,h264", description = "flv1 (Sorenson H.263, as ffserver sent)"
            + " or h264 (OpenH264 Constrained Baseline, zero latency, for browsers).")
    private String codec = "flv1";
    @UriParam(defaultValue = "320x240", description = "Output size, WIDTHxHEIGHT, both even.")
    private String size = "320x240";
    @UriParam(defaultValue = "4", description = "Expected frame rate; tunes rate control and the keyframe"
            + " spacing, while each frame keeps its own timestamp.")
    private double fps = 4;
    @UriParam(defaultValue = "500000", description = "Target bitrate in bits per second.")
    private int bitrate = 500_000;
    @UriParam(defaultValue = "1", description = "Best quantizer allowed (1..31); flv1 only.")
    private int qmin = 1;
    @UriParam(defaultValue = "5", description = "Worst quantizer allowed (1..31); flv1 only.")
    private int qmax = 5;
    @UriParam(defaultValue = "2", description = "Longest time between keyframes in seconds: the longest a"
            + " viewer who fell behind waits to resume.")
    private double keyframeInterval = 2;

    private TranscodeSettings settings;
    private final Set<TranscodeProducer> producers = ConcurrentHashMap.newKeySet();

    public TranscodeEndpoint(String uri, TranscodeComponent component) {
        super(uri, component);
    }

    @Override
    public TranscodeComponent getComponent() {
        return (TranscodeComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ImageSize output = ImageSize.parse("size", size);
        VideoCodec videoCodec = switch (codec) {
            case "flv1" -> VideoCodec.FLV1;
            case "h264" -> VideoCodec.H264;
            default -> throw new IllegalArgumentException("codec must be flv1 or h264, got '" + codec + "'");
        };
        settings = new TranscodeSettings(videoCodec, output.width(), output.height(), fps, bitrate, qmin, qmax,
                keyframeInterval);
    }

    @Override
    public Producer createProducer() {
        return new TranscodeProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("transcode: only transforms frames going down a route");
    }

    TranscodeSettings getSettings() {
        return settings;
    }

    void producerStarted(TranscodeProducer producer) {
        producers.add(producer);
    }

    void producerStopped(TranscodeProducer producer) {
        producers.remove(producer);
    }

    /** The producers running now, each with the id of its route ({@link TranscodeProducer#getRouteId()}). */
    public List<TranscodeProducer> producers() {
        return List.copyOf(producers);
    }

    @ManagedAttribute(description = "Frames encoded by the producers running now")
    public long getFramesEncoded() {
        return producers.stream().mapToLong(TranscodeProducer::getFramesEncoded).sum();
    }

    @ManagedAttribute(description = "Frames replaced by a newer one while an encoder was busy, by the producers"
                                    + " running now")
    public long getFramesDropped() {
        return producers.stream().mapToLong(TranscodeProducer::getFramesDropped).sum();
    }

    @ManagedAttribute(description = "Frames the decoder or encoder refused, by the producers running now")
    public long getFramesFailed() {
        return producers.stream().mapToLong(TranscodeProducer::getFramesFailed).sum();
    }

    @ManagedAttribute(description = "The output stream's name, as in logs")
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @ManagedAttribute(description = "flv1 or h264")
    public String getCodec() {
        return codec;
    }

    public void setCodec(String codec) {
        this.codec = codec;
    }

    @ManagedAttribute(description = "Output size, WIDTHxHEIGHT")
    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    @ManagedAttribute(description = "Expected frame rate")
    public double getFps() {
        return fps;
    }

    public void setFps(double fps) {
        this.fps = fps;
    }

    @ManagedAttribute(description = "Target bitrate in bits per second")
    public int getBitrate() {
        return bitrate;
    }

    public void setBitrate(int bitrate) {
        this.bitrate = bitrate;
    }

    public int getQmin() {
        return qmin;
    }

    public void setQmin(int qmin) {
        this.qmin = qmin;
    }

    public int getQmax() {
        return qmax;
    }

    public void setQmax(int qmax) {
        this.qmax = qmax;
    }

    public double getKeyframeInterval() {
        return keyframeInterval;
    }

    public void setKeyframeInterval(double keyframeInterval) {
        this.keyframeInterval = keyframeInterval;
    }
}
