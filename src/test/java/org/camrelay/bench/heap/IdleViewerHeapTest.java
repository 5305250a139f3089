package org.camrelay.bench.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camrelay.testing.BenchRun.options;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camrelay.component.live.LiveFormat;
import org.camrelay.testing.BenchRun;
import org.junit.jupiter.api.Test;

/** {@code bench idle-viewer-heap} for real, with few viewers: it runs and prints its figures; how large is not tested. */
class IdleViewerHeapTest {

    @Test
    void measuresTheHeapOfIdleViewersConnectedFromAnotherProcess() throws Exception {
        BenchRun run = BenchRun.of(IdleViewerHeap::run, "--viewers", "50", "--rounds", "1", "--top", "5");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("viewers: 50 (flv)").contains("heap growth by class")
                .contains("org.eclipse.jetty");
        Matcher perViewer = Pattern.compile("heap per idle viewer: (\\d+) bytes").matcher(run.out());
        assertThat(perViewer.find()).as(run.out()).isTrue();
        assertThat(Long.parseLong(perViewer.group(1))).isPositive();
    }

    @Test
    void optionsHaveDefaultsAndRefuseNonsense() {
        assertThat(options(IdleViewerHeap.Options::read))
                .isEqualTo(new IdleViewerHeap.Options(2000, LiveFormat.FLV, 3, 15));
        assertThat(options(IdleViewerHeap.Options::read, "--format", "mjpeg", "--viewers", "5000"))
                .isEqualTo(new IdleViewerHeap.Options(5000, LiveFormat.MJPEG, 3, 15));
        assertThatThrownBy(() -> options(IdleViewerHeap.Options::read, "--viewers", "0"))
                .hasMessage("--viewers must be a positive whole number, not '0'");
        assertThatThrownBy(() -> options(IdleViewerHeap.Options::read, "--format", "hls"))
                .hasMessage("--format is flv or mjpeg, not 'hls'");
        assertThatThrownBy(() -> options(IdleViewerHeap.Options::read, "--rounds"))
                .hasMessage("Option rounds requires an argument");
    }

    @Test
    void badOptionsExitWithUsage() throws Exception {
        BenchRun run = BenchRun.of(IdleViewerHeap::run, "--frobnicate", "1");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("frobnicate is not a recognized option").contains("usage:");
    }

    @Test
    void groupsClassesByPackage() {
        assertThat(IdleViewerHeap.packageOf("org.eclipse.jetty.server.internal.HttpConnection"))
                .isEqualTo("org.eclipse.jetty");
        assertThat(IdleViewerHeap.packageOf("org.camrelay.component.live.Viewer")).isEqualTo("org.camrelay.component.live");
        assertThat(IdleViewerHeap.packageOf("[Lorg.eclipse.jetty.http.HttpField;")).isEqualTo("org.eclipse.jetty");
        assertThat(IdleViewerHeap.packageOf("[[Ljava.lang.Object;")).isEqualTo("java.lang");
        assertThat(IdleViewerHeap.packageOf("[B")).isEqualTo("(arrays of primitives)");
    }
}
