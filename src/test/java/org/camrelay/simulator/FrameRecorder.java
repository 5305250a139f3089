package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects the frames a simulator reports, for tests to take one by one. */
final class FrameRecorder implements SentFrameListener {

    private final BlockingQueue<SentFrame> frames = new LinkedBlockingQueue<>();

    static FrameRecorder on(CameraSimulator simulator) {
        FrameRecorder recorder = new FrameRecorder();
        simulator.addFrameListener(recorder);
        return recorder;
    }

    @Override
    public void onFrameSent(SentFrame frame) {
        frames.add(frame);
    }

    /** The next reported frame, waiting for it a few seconds at most. */
    SentFrame next() throws InterruptedException {
        SentFrame frame = frames.poll(5, TimeUnit.SECONDS);
        assertThat(frame).as("a frame reported within 5 s").isNotNull();
        return frame;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }
}
