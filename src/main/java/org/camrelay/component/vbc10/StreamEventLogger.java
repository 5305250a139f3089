package org.camrelay.component.vbc10;

import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the decoders of one connection throw away, and logs it: at WARN the first time of each kind on the
 * connection, at DEBUG after that, so a camera that keeps sending junk does not flood the log.
 */
final class StreamEventLogger implements JpegStreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamEventLogger.class);

    private enum Kind {
        SKIPPED, CORRUPT, OVERSIZE
    }

    private final String camera;
    private final CameraStatistics statistics;
    private final Set<Kind> warned = EnumSet.noneOf(Kind.class);

    StreamEventLogger(String camera, CameraStatistics statistics) {
        this.camera = camera;
        this.statistics = statistics;
    }

    @Override
    public void bytesSkipped(int count) {
        statistics.bytesSkipped(count);
        log(Kind.SKIPPED, "Camera '{}' sent {} bytes that belong to no JPEG frame; skipped", count);
    }

    @Override
    public void frameCorrupt(String reason) {
        statistics.frameCorrupt();
        log(Kind.CORRUPT, "Camera '{}' sent a corrupt frame ({}); dropped", reason);
    }

    @Override
    public void frameOversize(int maxFrameSize) {
        statistics.frameOversize();
        log(Kind.OVERSIZE, "Camera '{}' sent a frame larger than maxFrameSize ({} bytes); dropped", maxFrameSize);
    }

    private void log(Kind kind, String message, Object detail) {
        if (warned.add(kind)) {
            LOG.warn(message + " (further ones on this connection are logged at DEBUG)", camera, detail);
        } else {
            LOG.debug(message, camera, detail);
        }
    }
}
