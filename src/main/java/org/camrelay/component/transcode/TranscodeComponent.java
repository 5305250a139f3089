package org.camrelay.component.transcode;

import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code transcode:} component: re-encodes JPEG frames as FLV in-process with FFmpeg. Its endpoints
 * share one pool of encoding threads, and each endpoint's encoder uses one of them at a time.
 */
@Component("transcode")
public class TranscodeComponent extends DefaultComponent {

    @Metadata(defaultValue = "0", description = "Threads that encode, shared by all transcode endpoints; 0 means"
            + " one per CPU core.")
    private int workerThreads;

    private ExecutorService workers;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        TranscodeEndpoint endpoint = new TranscodeEndpoint(uri, this);
        endpoint.setName(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The shared encoding threads, started with the first endpoint that needs them. */
    synchronized ExecutorService workers() {
        if (workers == null) {
            int threads = workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
            workers = getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "Transcode", threads);
        }
        return workers;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (workers != null) {
            getCamelContext().getExecutorServiceManager().shutdown(workers);
            workers = null;
        }
        super.doStop();
    }

    public int getWorkerThreads() {
        return workerThreads;
    }

    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }
}
