package org.camrelay.component.live;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.NoSuchHeaderException;
import org.apache.camel.support.DefaultProducer;
import org.camrelay.frame.FrameHeaders;

/**
 * Publishes frames into the endpoint's live stream; never blocks on viewers. A producer that starts while the
 * stream is still there (its route was edited or restarted within the component's stream grace period) takes
 * it over with its viewers.
 */
public class LiveProducer extends DefaultProducer {

    /** Packets since a keyframe kept for joining viewers; bounds memory when a stream has no keyframes. */
    private static final int MAX_GOP_PACKETS = 512;

    private volatile LiveStream stream;

    public LiveProducer(LiveEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public LiveEndpoint getEndpoint() {
        return (LiveEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        LiveEndpoint endpoint = getEndpoint();
        stream = endpoint.getComponent().getStreams().open(endpoint.getCamera(), endpoint.getStream(),
                endpoint.getFormat(), new StreamLimits(endpoint.getViewerQueueSize(), endpoint.getMaxViewers(),
                        endpoint.getMaxViewerBitrate(), MAX_GOP_PACKETS));
    }

    @Override
    protected void doStop() throws Exception {
        LiveStream released = stream;
        stream = null;
        if (released != null) {
            // While Camel stops as a whole, no producer will come to take the stream over.
            getEndpoint().getComponent().getStreams().release(released, !getEndpoint().getCamelContext().isStopping());
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException, NoSuchHeaderException {
        LiveStream target = stream;
        if (target == null) {
            // Stopped: the stream may be another producer's by now, and this frame is not its to publish.
            exchange.setRouteStop(true);
            return;
        }
        Message in = exchange.getIn();
        byte[] body = in.getMandatoryBody(byte[].class);
        switch (target.format()) {
            case MJPEG -> target.publishImage(body, in.getHeader(FrameHeaders.SEQUENCE, 0L, Long.class),
                    in.getHeader(FrameHeaders.RECEIVED_AT, System.currentTimeMillis(), Long.class));
            case FLV -> {
                byte[] header = in.getHeader(LiveConstants.STREAM_HEADER, byte[].class);
                if (header == null) {
                    throw new NoSuchHeaderException("format=flv takes FLV tags with their stream header, as the"
                            + " transcode component produces them", exchange, LiveConstants.STREAM_HEADER);
                }
                target.publishTags(body, in.getHeader(LiveConstants.KEYFRAME, false, Boolean.class), header,
                        in.getHeader(LiveConstants.STREAM_EPOCH, Long.class));
            }
            default -> throw new IllegalStateException("no publisher for " + target.format());
        }
    }
}
