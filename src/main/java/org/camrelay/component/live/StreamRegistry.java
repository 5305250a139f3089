package org.camrelay.component.live;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The live streams of this relay by camera and name, shared by the {@code live:} producers that publish
 * into them and the HTTP handler that attaches viewers. Also watches for viewers that stopped reading.
 */
public final class StreamRegistry implements AutoCloseable {

    private record Entry(LiveStream stream, int references) {
    }

    private final Map<String, Entry> streams = new ConcurrentHashMap<>();

    /**
     * Opens (or joins) the stream {@code camera/name.format}; a route that restarts re-opens the same
     * stream, so its viewers stay connected.
     */
    public LiveStream open(String camera, String name, LiveFormat format, StreamLimits limits) {
        Entry entry = streams.compute(key(camera, name, format), (key, existing) -> existing == null
                ? new Entry(new LiveStream(camera, name, format, limits), 1)
                : new Entry(existing.stream(), existing.references() + 1));
        return entry.stream();
    }

    /** Releases a stream opened with {@link #open}; the last release disconnects its viewers. */
    public void release(LiveStream stream) {
        String key = key(stream.camera(), stream.name(), stream.format());
        Entry remaining = streams.computeIfPresent(key,
                (k, entry) -> entry.references() > 1 ? new Entry(entry.stream(), entry.references() - 1) : null);
        if (remaining == null) {
            stream.closeAll();
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

    @Override
    public void close() {
        streams.values().forEach(entry -> entry.stream().closeAll());
        streams.clear();
    }

    private static String key(String camera, String name, LiveFormat format) {
        return camera + "/" + name + "." + format.extension();
    }
}
