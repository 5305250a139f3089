package org.camrelay.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultProducer;

/** Publishes frames into the endpoint's live stream; never blocks on viewers. */
public class LiveProducer extends DefaultProducer {

    /** Packets since a keyframe kept for joining viewers; bounds memory when a stream has no keyframes. */
    private static final int MAX_GOP_PACKETS = 512;

    private LiveStream stream;

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
                endpoint.getFormat(), endpoint.getViewerQueueSize(), endpoint.getMaxViewers(), MAX_GOP_PACKETS);
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
    public void process(Exchange exchange) throws InvalidPayloadException {
        byte[] jpeg = exchange.getIn().getMandatoryBody(byte[].class);
        stream.publishImage(jpeg, System.currentTimeMillis());
    }

    public LiveStream getStream() {
        return stream;
    }
}
