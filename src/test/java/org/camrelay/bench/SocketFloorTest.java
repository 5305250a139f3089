package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.camrelay.testing.BenchRun;
import org.junit.jupiter.api.Test;

class SocketFloorTest {

    @Test
    void writesEveryFrameToEverySocketAndReportsTheCostPerWrite() throws Exception {
        BenchRun run = BenchRun.of(SocketFloor::run, "--viewers", "20", "--bytes", "5000", "--fps", "10", "--seconds",
                "1");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("viewers: 20\n", "writes: 200\n", "writes cut short: 0\n").containsPattern(
                "cpu us per write: [0-9]+\\.[0-9]{2}\n");
    }

    @Test
    void refusesBadOptions() throws Exception {
        BenchRun zero = BenchRun.of(SocketFloor::run, "--viewers", "0");
        BenchRun unknown = BenchRun.of(SocketFloor::run, "--colour", "1");

        assertThat(zero.status()).isEqualTo(2);
        assertThat(zero.err()).contains("--viewers must be a positive whole number, not '0'");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("colour is not a recognized option");
    }
}
