package org.camrelay.bench.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camrelay.component.live.LiveFormat;
import org.junit.jupiter.api.Test;

/** {@code bench idle-viewer-heap} for real, with few viewers: it runs and prints its figures; how large is not tested. */
class IdleViewerHeapTest {

    @Test
    void measuresTheHeapOfIdleViewersConnectedFromAnotherProcess() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = IdleViewerHeap.run(new String[] { "--viewers", "50", "--rounds", "1", "--top", "5" },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("viewers: 50 (flv)").contains("heap growth by class")
                .contains("org.eclipse.jetty");
        Matcher perViewer = Pattern.compile("heap per idle viewer: (\\d+) bytes").matcher(printed);
        assertThat(perViewer.find()).as(printed).isTrue();
        assertThat(Long.parseLong(perViewer.group(1))).isPositive();
    }

    @Test
    void optionsHaveDefaultsAndRefuseNonsense() {
        assertThat(IdleViewerHeap.Options.parse(new String[0]))
                .isEqualTo(new IdleViewerHeap.Options(2000, LiveFormat.FLV, 3, 15));
        assertThat(IdleViewerHeap.Options.parse(new String[] { "--format", "mjpeg", "--viewers", "5000" }))
                .isEqualTo(new IdleViewerHeap.Options(5000, LiveFormat.MJPEG, 3, 15));
        assertThatThrownBy(() -> IdleViewerHeap.Options.parse(new String[] { "--viewers", "0" }))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> IdleViewerHeap.Options.parse(new String[] { "--format", "hls" }))
                .hasMessageContaining("flv or mjpeg");
        assertThatThrownBy(() -> IdleViewerHeap.Options.parse(new String[] { "--rounds" }))
                .hasMessageContaining("needs a value");
    }

    @Test
    void badOptionsExitWithUsage() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = IdleViewerHeap.run(new String[] { "--frobnicate", "1" }, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --frobnicate").contains("usage:");
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
