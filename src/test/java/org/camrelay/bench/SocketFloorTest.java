package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SocketFloorTest {

    @Test
    void writesEveryFrameToEverySocketAndReportsTheCostPerWrite() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = SocketFloor.run(new String[] {"--viewers", "20", "--bytes", "5000", "--fps", "10", "--seconds", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(report).contains("viewers: 20\n", "writes: 200\n", "writes cut short: 0\n").containsPattern(
                "cpu us per write: [0-9]+\\.[0-9]{2}\n");
    }

    @Test
    void refusesBadOptions() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(SocketFloor.run(new String[] {"--viewers", "0"}, System.out, errors)).isEqualTo(2);
        assertThat(SocketFloor.run(new String[] {"--colour", "1"}, System.out, errors)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--viewers must be a positive whole number, not '0'", "unknown option --colour");
    }
}
