package org.camrelay.app.operations;

import java.util.Map;
import java.util.TreeMap;

import org.camrelay.app.operations.monitor.CameraStatus;
import org.camrelay.app.operations.monitor.OutputStatus;

/** A camera's latest sample, for JMX. */
final class ManagedCamera implements CameraMXBean {

    private volatile CameraStatus status;

    ManagedCamera(CameraStatus status) {
        this.status = status;
    }

    void update(CameraStatus latest) {
        status = latest;
    }

    private CameraStatus status() {
        return status;
    }

    @Override
    public String getName() {
        return status().name();
    }

    @Override
    public String getRouteId() {
        return status().routeId();
    }

    @Override
    public String getAddress() {
        return status().address();
    }

    @Override
    public String getTransport() {
        return status().transport();
    }

    @Override
    public String getState() {
        return status().state().name();
    }

    @Override
    public boolean isConnected() {
        return status().connected();
    }

    @Override
    public double getFramesInPerSecond() {
        return status().framesPerSecondIn();
    }

    @Override
    public double getFramesOutPerSecond() {
        return status().framesPerSecondOut();
    }

    @Override
    public long getFramesReceived() {
        return status().framesReceived();
    }

    @Override
    public long getReconnects() {
        return status().reconnects();
    }

    @Override
    public long getStreamRenewals() {
        return status().streamRenewals();
    }

    @Override
    public String getProblem() {
        return status().problem();
    }

    @Override
    public long getLastFrameAgeMillis() {
        return status().lastFrameAgeMillis(System.currentTimeMillis());
    }

    @Override
    public long getFramesDroppedCorrupt() {
        return status().drops().corrupt();
    }

    @Override
    public long getFramesDroppedOversize() {
        return status().drops().oversize();
    }

    @Override
    public long getFramesDroppedRouteBusy() {
        return status().drops().routeBusy();
    }

    @Override
    public long getFramesDroppedByLimiter() {
        return status().drops().limiter();
    }

    @Override
    public long getFramesDroppedEncoderBusy() {
        return status().drops().encoderBusy();
    }

    @Override
    public long getFramesDroppedEncoderFailed() {
        return status().drops().encoderFailed();
    }

    @Override
    public long getFramesDroppedSlowViewers() {
        return status().drops().slowViewers();
    }

    @Override
    public Map<String, Integer> getViewersPerOutput() {
        Map<String, Integer> viewers = new TreeMap<>();
        status().outputs().forEach(o -> viewers.put(o.path(), o.viewers()));
        return viewers;
    }

    @Override
    public int getViewers() {
        return status().viewers();
    }

    @Override
    public long getBytesOut() {
        return status().bytesOut();
    }

    @Override
    public double getEncodeMicrosPerFrame() {
        return status().encodeMicros();
    }

    @Override
    public String getControlMode() {
        return status().control().mode();
    }

    @Override
    public boolean isControlAvailable() {
        return status().control().available();
    }

    @Override
    public String getControlHolder() {
        return status().control().controller();
    }

    @Override
    public int getControlQueueLength() {
        return status().control().queueLength();
    }

    @Override
    public String getControlGrant() {
        return status().control().grant();
    }

    @Override
    public long getControlCommands() {
        return status().control().commands();
    }

    @Override
    public long getControlCommandsSent() {
        return status().control().commandsSent();
    }

    @Override
    public long getControlCommandsCoalesced() {
        return status().control().commandsCoalesced();
    }

    @Override
    public long getControlRefusals() {
        return status().control().refusals();
    }

    @Override
    public long getControlTakeOvers() {
        return status().control().takeOvers();
    }

    @Override
    public long getControlHandOvers() {
        return status().control().handOvers();
    }
}
