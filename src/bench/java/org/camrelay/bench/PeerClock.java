package org.camrelay.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Dates the peer's FLV tags on the relay's clock. The peer sends no X-Stream-Epoch; its tags are the relay's
 * tags passed through ffmpeg ({@code -c copy -copyts}) and node-media-server, which should keep their
 * timestamps. One viewer of each, side by side, records every video tag's timestamp and arrival time; the
 * timestamp offset that matches the most peer tags to relay tags is the peer's shift (0 when kept), so
 * that relay epoch plus offset dates the peer's tags from the same instant as the relay's: the relay
 * receiving the camera's frame. The matched tags' arrival times also give the hop ffmpeg and the peer add,
 * frame by frame, with one viewer each.
 */
final class PeerClock {

    /** A candidate offset counts if it matches nearly as many tags as the best; the smallest hop then wins. */
    private static final double NEAR_BEST = 0.8;
    private static final long FIRST_TAG_TIMEOUT_SECONDS = 30;

    /**
     * @param offsetMillis add to a peer tag's timestamp to get the relay tag's
     * @param hop          microseconds from a frame's last byte reaching the relay's viewer to reaching the peer's
     */
    record Calibration(long offsetMillis, int relayTags, int peerTags, int matched, Histogram hop) {
    }

    private PeerClock() {
    }

    /**
     * Watches both streams until the peer has sent a video tag, then for {@code seconds} more, and matches
     * the tags; an {@link IOException} if either stream fails or too few tags match to trust the offset.
     */
    static Calibration calibrate(URI relay, URI peer, int seconds) throws IOException, InterruptedException {
        TagTimes relayTags = new TagTimes(relay);
        TagTimes peerTags = new TagTimes(peer);
        Thread relayThread = new Thread(relayTags, "peer-clock-relay");
        Thread peerThread = new Thread(peerTags, "peer-clock-peer");
        relayThread.start();
        peerThread.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIRST_TAG_TIMEOUT_SECONDS);
            while (peerTags.count() == 0 && System.nanoTime() < deadline && relayTags.failure == null
                    && peerTags.failure == null) {
                Thread.sleep(20);
            }
            if (peerTags.count() == 0) {
                throw new IOException("the peer's " + peer + " sent no video within " + FIRST_TAG_TIMEOUT_SECONDS
                        + " s" + (peerTags.failure == null ? "" : ": " + peerTags.failure.getMessage()));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        } finally {
            relayTags.stop();
            peerTags.stop();
            relayThread.join();
            peerThread.join();
        }
        for (TagTimes tags : List.of(relayTags, peerTags)) {
            if (tags.failure != null && tags.tags().isEmpty()) {
                throw new IOException("reading " + tags.url + ": " + tags.failure.getMessage(), tags.failure);
            }
        }
        return match(relayTags.tags(), peerTags.tags());
    }

    /**
     * Finds the offset from peer to relay timestamps; each tag is {timestamp ms, arrival µs}. A wrong offset
     * can match a fair share of tags (a 6 fps camera limited to 4 fps repeats its spacing), but then the
     * matched tags arrive hundreds of milliseconds apart, so among the offsets matching nearly as many as
     * the best, the one with the smallest median hop wins.
     */
    static Calibration match(List<long[]> relay, List<long[]> peer) throws IOException {
        Map<Long, Long> relayArrival = new HashMap<>();
        relay.forEach(tag -> relayArrival.putIfAbsent(tag[0], tag[1]));
        Map<Long, Integer> votes = new HashMap<>();
        for (long[] p : peer) {
            for (long[] r : relay) {
                votes.merge(r[0] - p[0], 1, Integer::sum);
            }
        }
        int most = votes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        // The relay's viewer gets every tag the peer's does, and earlier: nearly all should match.
        if (most < 3 || most < peer.size() / 2) {
            throw new IOException("the peer's timestamps match the relay's for only " + most + " of " + peer.size()
                    + " tags: they do not come through unchanged nor shifted by a constant");
        }
        long best = 0;
        long bestHop = Long.MAX_VALUE;
        for (Map.Entry<Long, Integer> vote : votes.entrySet()) {
            if (vote.getValue() >= most * NEAR_BEST) {
                long hop = Math.abs(medianHop(relayArrival, peer, vote.getKey()));
                if (hop < bestHop || hop == bestHop && Math.abs(vote.getKey()) < Math.abs(best)) {
                    best = vote.getKey();
                    bestHop = hop;
                }
            }
        }
        Histogram hop = new Histogram(100, 30_000_000);
        int matched = 0;
        for (long[] p : peer) {
            Long arrival = relayArrival.get(p[0] + best);
            if (arrival != null) {
                hop.record(p[1] - arrival);
                matched++;
            }
        }
        return new Calibration(best, relay.size(), peer.size(), matched, hop);
    }

    private static long medianHop(Map<Long, Long> relayArrival, List<long[]> peer, long offset) {
        List<Long> hops = new ArrayList<>();
        for (long[] p : peer) {
            Long arrival = relayArrival.get(p[0] + offset);
            if (arrival != null) {
                hops.add(p[1] - arrival);
            }
        }
        Collections.sort(hops);
        return hops.isEmpty() ? Long.MAX_VALUE : hops.get(hops.size() / 2);
    }

    /** One blocking FLV viewer recording each video tag's timestamp and arrival. */
    private static final class TagTimes implements Runnable, FrameSink {

        private final URI url;
        private final List<long[]> tags = Collections.synchronizedList(new ArrayList<>());
        private final Socket socket = new Socket();
        private volatile boolean stopped;
        private volatile IOException failure;
        private long nowMicros;

        TagTimes(URI url) {
            this.url = url;
        }

        @Override
        public void run() {
            try {
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2000);
                socket.getOutputStream().write(LoadOptions.request(url));
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[64 * 1024];
                HttpResponseParser head = new HttpResponseParser();
                BodyParser body = null;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    nowMicros = MeasurementWindow.nowMicros();
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                    if (body == null) {
                        if (!head.parse(bytes)) {
                            continue;
                        }
                        if (head.status() != 200) {
                            throw new ProtocolException("HTTP " + head.status());
                        }
                        FlvParser flv = new FlvParser(this);
                        body = head.chunked() ? new ChunkedDecoder(flv) : flv;
                    }
                    body.parse(bytes);
                }
                if (!stopped) {
                    failure = new IOException("the stream ended");
                }
            } catch (IOException e) {
                if (!stopped) {
                    failure = e;
                }
            }
        }

        @Override
        public void frame(long millis, long sequence) {
            tags.add(new long[] {millis, nowMicros});
        }

        int count() {
            return tags.size();
        }

        List<long[]> tags() {
            synchronized (tags) {
                return List.copyOf(tags);
            }
        }

        void stop() {
            stopped = true;
            try {
                socket.close();
            } catch (IOException e) {
                // Closed either way.
            }
        }
    }
}
