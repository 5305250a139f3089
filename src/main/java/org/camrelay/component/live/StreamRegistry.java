package org.camrelay.component.live;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams of this relay by camera and name, shared by the {@code live:} producers that publish
 * into them and the HTTP handler that attaches viewers. Also watches for viewers that stopped reading.
 *
 * <p>A stream outlives the producers that feed it by a {@linkplain #setGracePeriodMillis grace period}: when
 * the last one stops (its route is edited, restarted or removed), the stream keeps its viewers, its latest
 * frame and its keyframe cache, and a producer that opens the same stream within the period takes it over
 * with its viewers, who go on at its first keyframe. After the period the stream ends and its viewers'
 * responses are ended cleanly. A grace period of 0 ends them at once.
 */
public final class StreamRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);

    /**
     * A stream with the number of producers publishing into it; when that is 0, the {@link System#nanoTime()} since
     * which it has had none.
     */
    private record Entry(LiveStream stream, int producers, long idleSinceNanos) {
    }

    private final Map<String, Entry> streams = new ConcurrentHashMap<>();
    private volatile long gracePeriodMillis = 10_000;

    /**
     * Opens (or joins) the stream {@code camera/name.format}. A producer that opens a stream that already exists
     * takes it over with its viewers, from a route that stopped within the grace period, or one that restarts.
     */
    public LiveStream open(String camera, String name, LiveFormat format, StreamLimits limits) {
        int[] viewersWaiting = { -1 };
        Entry entry = streams.compute(key(camera, name, format), (key, existing) -> {
            if (existing == null) {
                return new Entry(new LiveStream(camera, name, format, limits), 1, 0);
            }
            existing.stream().takeOver(limits);
            if (existing.producers() == 0) {
                viewersWaiting[0] = existing.stream().viewerCount();
            }
            return new Entry(existing.stream(), existing.producers() + 1, 0);
        });
        if (viewersWaiting[0] >= 0) {
            LOG.info("Stream {}: a new producer took it over; its {} viewers stay and go on at its first keyframe",
                    entry.stream().path(), viewersWaiting[0]);
        }
        return entry.stream();
    }

    /**
     * Releases a stream opened with {@link #open}. When the last producer releases it, its viewers stay for the
     * grace period, waiting for a new producer; without one the stream ends then.
     */
    public void release(LiveStream stream) {
        release(stream, true);
    }

    /**
     * Releases a stream opened with {@link #open}; when the last producer releases it, {@code keepViewers} says
     * whether its viewers wait for the grace period (a route stops) or are disconnected at once (Camel stops).
     */
    public void release(LiveStream stream, boolean keepViewers) {
        long grace = keepViewers ? gracePeriodMillis : 0;
        Entry remaining = streams.computeIfPresent(key(stream.camera(), stream.name(), stream.format()),
                (k, entry) -> entry.stream() != stream ? entry
                        : entry.producers() > 1 ? new Entry(stream, entry.producers() - 1, 0)
                        : grace > 0 ? new Entry(stream, 0, System.nanoTime()) : null);
        if (remaining == null || remaining.stream() != stream) {
            stream.closeAll();
        } else if (remaining.producers() == 0) {
            LOG.info("Stream {}: its producer stopped; its {} viewers stay for up to {} ms for a new one",
                    stream.path(), stream.viewerCount(), grace);
        }
    }

    /** Ends the streams that have had no producer for the grace period, and with them their viewers' responses. */
    void endAbandoned(long nowNanos) {
        long graceNanos = gracePeriodMillis * 1_000_000L;
        for (Map.Entry<String, Entry> candidate : streams.entrySet()) {
            Entry entry = candidate.getValue();
            if (entry.producers() > 0 || nowNanos - entry.idleSinceNanos() < graceNanos) {
                continue;
            }
            boolean[] ended = { false };
            streams.computeIfPresent(candidate.getKey(), (k, current) -> {
                // Checked again under the map's lock: a producer may have taken it over meanwhile.
                if (current == entry) {
                    ended[0] = true;
                    return null;
                }
                return current;
            });
            if (ended[0]) {
                LOG.info("Stream {} ended: no producer took it over within {} ms; its {} viewers were disconnected",
                        entry.stream().path(), gracePeriodMillis, entry.stream().viewerCount());
                entry.stream().closeAll();
            }
        }
    }

    public LiveStream find(String camera, String name, LiveFormat format) {
        Entry entry = streams.get(key(camera, name, format));
        return entry == null ? null : entry.stream();
    }

    /** The streams of one camera, empty when the camera is unknown. */
    public List<LiveStream> ofCamera(String camera) {
        return sorted(streams.values().stream().map(Entry::stream).filter(s -> s.camera().equals(camera)));
    }

    public Collection<LiveStream> all() {
        return sorted(streams.values().stream().map(Entry::stream));
    }

    private static List<LiveStream> sorted(Stream<LiveStream> streams) {
        return streams.sorted(Comparator.comparing(LiveStream::path)).collect(Collectors.toList());
    }

    /** Disconnects every viewer whose write has been pending for longer than the timeout. */
    void closeStalledViewers(long timeoutMillis) {
        long now = System.nanoTime();
        for (Entry entry : streams.values()) {
            entry.stream().closeStalledViewers(now, timeoutMillis);
        }
    }

    /** How long, in milliseconds, a stream keeps its viewers after its last producer stopped. */
    public long getGracePeriodMillis() {
        return gracePeriodMillis;
    }

    public void setGracePeriodMillis(long gracePeriodMillis) {
        if (gracePeriodMillis < 0) {
            throw new IllegalArgumentException("the stream grace period must be 0 or more ms, got " + gracePeriodMillis);
        }
        this.gracePeriodMillis = gracePeriodMillis;
    }

    @Override
    public void close() {
        streams.values().forEach(entry -> entry.stream().closeAll());
        streams.clear();
    }

    private static String key(String camera, String name, LiveFormat format) {
        return camera + "/" + name + "." + format.extension();
    }
}
