package org.camrelay.bench.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the relay splits a camera's byte stream into frames, in MB/s of input: the native protocol's bare JPEGs
 * through {@link org.camrelay.component.vbc10.JpegFrameDecoder}, and the WebView HTTP multipart body through
 * {@link org.camrelay.component.vbc10.MultipartStreamDecoder} and then the JPEG decoder, as the relay's pipeline chains them.
 * The input is a recording of real 640x480 4:2:0 simulator frames, fed over and over in reads of {@code chunkBytes}.
 *
 * <p>One operation is one pass over the recording; the {@code inputMB} counter is the same rate in MB (10^6 bytes)
 * of input per second and {@code frames} in frames per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SplitterBenchmark {

    /** Recorded frames: about 0.5 MB of JPEG (the simulator's simple picture makes 16 KB frames at 640x480). */
    private static final int FRAMES = 30;

    /** Bytes per socket read: a small read and the largest a Netty channel makes by default. */
    @Param({"8192", "65536"})
    public int chunkBytes;

    private CameraRecording recording;
    private SplitterPipeline nativeSplitter;
    private SplitterPipeline httpSplitter;

    /** Input consumed and frames found, as rates. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rates {
        public double inputMB;
        public long frames;
    }

    @Setup(Level.Trial)
    public void record() throws IOException {
        recording = CameraRecording.record(FRAMES);
        System.out.println("recording: " + recording);
        nativeSplitter = checked(new SplitterPipeline(null, frame -> { }), recording.jpegStream());
        httpSplitter = checked(new SplitterPipeline(recording.boundary(), frame -> { }), recording.multipartBody());
    }

    /** Fails the run unless a pass finds every frame cleanly and ends between frames, ready for the next. */
    private SplitterPipeline checked(SplitterPipeline splitter, byte[] input) {
        for (int pass = 0; pass < 2; pass++) {
            long found = splitter.feed(input, chunkBytes);
            if (found != FRAMES || splitter.problems() != 0) {
                throw new IllegalStateException("pass " + pass + " found " + found + " frames of " + FRAMES + " and "
                        + splitter.problems() + " problems");
            }
        }
        return splitter;
    }

    @TearDown(Level.Trial)
    public void close() {
        nativeSplitter.close();
        httpSplitter.close();
    }

    /** The native protocol: JPEG frames back to back. */
    @Benchmark
    public long nativeJpeg(Rates rates) {
        return pass(nativeSplitter, recording.jpegStream(), rates);
    }

    /** WebView HTTP: a multipart body, split into parts and then into frames. */
    @Benchmark
    public long httpMultipart(Rates rates) {
        return pass(httpSplitter, recording.multipartBody(), rates);
    }

    private long pass(SplitterPipeline splitter, byte[] input, Rates rates) {
        long found = splitter.feed(input, chunkBytes);
        rates.inputMB += input.length / 1e6;
        rates.frames += found;
        return found;
    }
}
