package org.camrelay.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.camrelay.bench.stream.FlvParser;
import org.camrelay.bench.stream.FlvViewer;

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
        List<long[]> relayTags;
        List<long[]> peerTags;
        try (FlvViewer relayViewer = open(relay); FlvViewer peerViewer = open(peer)) {
            peerViewer.await(tags -> !videoTags(tags).isEmpty() || relayViewer.ended(),
                    TimeUnit.SECONDS.toMillis(FIRST_TAG_TIMEOUT_SECONDS));
            if (videoTags(peerViewer.frames()).isEmpty()) {
                throw new IOException("the peer's " + peer + " sent no video within " + FIRST_TAG_TIMEOUT_SECONDS
                        + " s" + (peerViewer.failure() == null ? "" : ": " + peerViewer.failure().getMessage()));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            relayTags = videoTags(relayViewer, relay);
            peerTags = videoTags(peerViewer, peer);
        }
        return match(relayTags, peerTags);
    }

    private static FlvViewer open(URI url) throws IOException {
        return FlvViewer.open(url.getHost(), url.getPort(), url.getRawPath());
    }

    /** Each video tag's {timestamp ms, arrival µs}; an {@link IOException} if the viewer failed before any. */
    private static List<long[]> videoTags(FlvViewer viewer, URI url) throws IOException {
        List<long[]> tags = videoTags(viewer.frames());
        Throwable failure = viewer.failure();
        if (tags.isEmpty() && failure != null) {
            throw new IOException("reading " + url + ": " + failure.getMessage(), failure);
        }
        return tags;
    }

    private static List<long[]> videoTags(List<FlvParser.Tag> tags) {
        return tags.stream().filter(tag -> tag.type() == FlvParser.VIDEO)
                .map(tag -> new long[] {tag.timestamp(), tag.receivedNanos() / 1000}).toList();
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
}
