package org.camrelay.bench.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class HeapHistogramTest {

    private static final String BEFORE = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000          80000  [B (java.base@17.0.15)
               2:           500          12000  java.lang.String (java.base@17.0.15)
               3:            10            400  org.example.Gone
            Total          1510          92400
            """;
    private static final String AFTER = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1100          96000  [B (java.base@17.0.15)
               2:           500          12000  java.lang.String (java.base@17.0.15)
               3:            20           3040  org.eclipse.jetty.server.internal.HttpConnection
               4:             5            200  org.eclipse.jetty.server.internal.HttpConnection
            Total          1625         111240
            """;

    @Test
    void sumsTheClassesAndAddsUpAClassLoadedTwice() {
        HeapHistogram after = HeapHistogram.parse(AFTER);

        assertThat(after.totalBytes()).isEqualTo(111_240);
        assertThat(after.byClass().get("org.eclipse.jetty.server.internal.HttpConnection"))
                .isEqualTo(new HeapHistogram.Usage("org.eclipse.jetty.server.internal.HttpConnection", 25, 3240));
    }

    @Test
    void growthIsPerClassLargestFirstWithUnchangedClassesLeftOut() {
        HeapHistogram before = HeapHistogram.parse(BEFORE);
        HeapHistogram after = HeapHistogram.parse(AFTER);

        assertThat(after.growthSince(before)).containsExactly(
                new HeapHistogram.Usage("[B", 100, 16_000),
                new HeapHistogram.Usage("org.eclipse.jetty.server.internal.HttpConnection", 25, 3240),
                new HeapHistogram.Usage("org.example.Gone", -10, -400));
    }

    @Test
    void refusesWhatIsNoHistogram() {
        assertThatThrownBy(() -> HeapHistogram.parse("Permission denied")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesThisJvmsHistogramThroughAFile() throws Exception {
        Path file = HeapHistogram.ofThisJvmToFile();
        HeapHistogram histogram = HeapHistogram.ofFile(file);

        assertThat(Files.exists(file)).isFalse();
        assertThat(histogram.byClass()).containsKey("java.lang.String");
        assertThat(histogram.totalBytes()).isPositive();
    }
}
