package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.camrelay.testing.BenchRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code bench peer} for real, kept tiny: the relay, ffmpeg and node-media-server as child processes and a
 * few viewers of each. Skipped where ffmpeg or node is missing, or node-media-server is not installed in
 * bench/peer: the test does not download it (the command itself does, with npm ci).
 */
class PeerBenchTest {

    @Test
    void aTinyPeerRunComparesTheRelayWithNodeMediaServer() throws Exception {
        PeerBench.Options defaults = BenchRun.options(PeerBench.Options::read);
        String missing = PeerBench.missingTools(defaults);
        Assumptions.assumeTrue(missing == null, "bench peer cannot run here: " + missing);
        Path installed = defaults.peerFolder().resolve("node_modules").resolve(NodeMediaServerProcess.PACKAGE);
        Assumptions.assumeTrue(Files.isDirectory(installed), installed + " is missing: run npm ci in "
                + defaults.peerFolder() + " (the test does not download it)");

        BenchRun run = BenchRun.of(PeerBench::run, "--viewers", "10", "--seconds", "3");
        assertThat(run.status()).as(run.toString()).isZero();
        // ffmpeg -copyts and node-media-server keep the relay's timestamps, so its epoch dates the peer's tags.
        assertThat(run.lines()).anyMatch(line -> line.startsWith("peer timestamps: kept"))
                .anyMatch(line -> line.startsWith("peer hop with 1 viewer each"))
                .anyMatch(line -> line.startsWith("peer/relay lag p99: "))
                .anyMatch(line -> line.startsWith("peer/relay cpu: "))
                .anyMatch(line -> line.startsWith("peer/relay rss: "));
        assertThat(run.row("relay stream.flv ")).startsWith("relay", "stream.flv", "10", "10", "0", "0", "0");
        assertThat(run.row("peer node-media-server ")).startsWith("peer", "node-media-server", "10", "10", "0", "0",
                "0");
    }
}
