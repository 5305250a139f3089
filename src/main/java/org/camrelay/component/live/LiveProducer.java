package org.camrelay.component.live;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.NoSuchHeaderException;
import org.apache.camel.support.DefaultProducer;
import org.camrelay.frame.FrameHeaders;

/** Publishes frames into the endpoint's live stream; never blocks on viewers. */
public class LiveProducer extends DefaultProducer {

    /** Packets since a keyframe kept for joining viewers; bounds memory when a stream has no keyframes. */
    private static final int MAX_GOP_PACKETS = 512;

    private LiveStream stream;
    private byte[] streamHeader;

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
        if (stream != null) {
            getEndpoint().getComponent().getStreams().release(stream);
            stream = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException, NoSuchHeaderException {
        Message in = exchange.getIn();
        byte[] body = in.getMandatoryBody(byte[].class);
        switch (stream.format()) {
            case MJPEG -> stream.publishImage(body, in.getHeader(FrameHeaders.SEQUENCE, 0L, Long.class),
                    in.getHeader(FrameHeaders.RECEIVED_AT, System.currentTimeMillis(), Long.class));
            case FLV -> {
                byte[] header = in.getHeader(LiveConstants.STREAM_HEADER, byte[].class);
                if (header == null) {
                    throw new NoSuchHeaderException("format=flv takes FLV tags with their stream header, as the"
                            + " transcode component produces them", exchange, LiveConstants.STREAM_HEADER);
                }
                // The transcoder hands the same header with every tag; only a new one needs passing on.
                if (header != streamHeader && !Arrays.equals(header, streamHeader)) {
                    stream.setPreamble(ByteBuffer.wrap(header));
                }
                streamHeader = header;
                Long epoch = in.getHeader(LiveConstants.STREAM_EPOCH, Long.class);
                if (epoch != null) {
                    stream.setEpochMillis(epoch);
                }
                stream.publish(new MediaPacket(ByteBuffer.wrap(body),
                        in.getHeader(LiveConstants.KEYFRAME, false, Boolean.class)));
            }
            default -> throw new IllegalStateException("no publisher for " + stream.format());
        }
    }

}
