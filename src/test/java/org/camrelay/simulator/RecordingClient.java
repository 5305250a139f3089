package org.camrelay.simulator;

import java.util.ArrayList;
import java.util.List;

/** A control client that writes down what the slot tells it, as "31:20000", "33:5000", "32", "34". */
final class RecordingClient implements ControlClient {

    private final String name;
    private final int priority;
    private final List<String> told = new ArrayList<>();

    RecordingClient(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    /** What the client was told since the last call. */
    List<String> told() {
        List<String> copy = List.copyOf(told);
        told.clear();
        return copy;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public String label() {
        return name;
    }

    @Override
    public void controlGranted(long timeLimitMillis) {
        told.add("31:" + timeLimitMillis);
    }

    @Override
    public void controlWaiting(long waitMillis) {
        told.add("33:" + waitMillis);
    }

    @Override
    public void controlRevoked() {
        told.add("32");
    }

    @Override
    public void controlRefused() {
        told.add("34");
    }
}
