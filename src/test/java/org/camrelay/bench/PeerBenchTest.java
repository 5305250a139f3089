package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
        PeerOptions defaults = PeerOptions.parse(new String[0]);
        String missing = PeerBench.missingTools(defaults);
        Assumptions.assumeTrue(missing == null, "bench peer cannot run here: " + missing);
        Path installed = defaults.peerFolder().resolve("node_modules").resolve(NodeMediaServerProcess.PACKAGE);
        Assumptions.assumeTrue(Files.isDirectory(installed), installed + " is missing: run npm ci in "
                + defaults.peerFolder() + " (the test does not download it)");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PeerBench.run(new String[] {"--viewers", "10", "--seconds", "3"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8) + output).isZero();
        List<String> lines = Arrays.asList(output.split("\n"));
        // ffmpeg -copyts and node-media-server keep the relay's timestamps, so its epoch dates the peer's tags.
        assertThat(lines).anyMatch(line -> line.startsWith("peer timestamps: kept"))
                .anyMatch(line -> line.startsWith("peer hop with 1 viewer each"))
                .anyMatch(line -> line.startsWith("peer/relay lag p99: "))
                .anyMatch(line -> line.startsWith("peer/relay cpu: "))
                .anyMatch(line -> line.startsWith("peer/relay rss: "));
        assertThat(lines.stream().filter(line -> line.startsWith("relay stream.flv ")).findFirst().orElseThrow()
                .split("\\s+")).startsWith("relay", "stream.flv", "10", "10", "0", "0", "0");
        assertThat(lines.stream().filter(line -> line.startsWith("peer node-media-server ")).findFirst().orElseThrow()
                .split("\\s+")).startsWith("peer", "node-media-server", "10", "10", "0", "0", "0");
    }
}
