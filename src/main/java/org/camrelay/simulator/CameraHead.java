package org.camrelay.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pan/tilt/zoom head of a simulated VB-C10 and its single control slot, shared by every transport: WebView
 * sessions and native control connections move the same head and compete for the same slot. Thread-safe.
 *
 * <p>The head moves at finite speeds (by default about a VB-C10's: pan 90 and tilt 70 degrees per second, the
 * whole zoom range in 2 seconds [guess from the data sheet's maximum speeds]); positions are computed from the clock
 * when asked, not advanced by a ticking thread. Every axis moves on its own, towards an absolute or relative target
 * or continuously until stopped or at a control limit. When the whole head comes to rest after a command, its
 * listeners are told (WebView events 41 and 42, the native port's 0x33 datagram); a command that leaves the head at
 * rest (a stop, a move to where it is, switching back-light compensation) tells them at once.
 *
 * <p>The public methods are the hooks a test needs: read the position and limits, change the control limits, and
 * act as another client of the camera would: {@link #occupyControl(Duration)}, {@link #takeControl()},
 * {@link #setControlEnabled(boolean)}, {@link #moveTo(int, int, int)}.
 */
public final class CameraHead {

    /** Told when the head comes to rest, with who moved it (null for nobody in particular); under the head's lock. */
    interface StopListener {
        void stopped(HeadPosition position, ControlClient mover);
    }

    /**
     * One axis of a move command.
     *
     * @param value    hundredths of a degree; absolute, or added to the current position if {@code relative}
     * @param speed    hundredths of a degree per second, capped at the head's maximum; 0 for the maximum
     */
    record AxisMove(int value, boolean relative, int speed) {
    }

    /** Maximum speeds in hundredths of a degree (of view angle, for zoom) per second. */
    record Speeds(int pan, int tilt, int zoom) {

        /** About a VB-C10's, see the class comment. */
        static final Speeds VB_C10 = new Speeds(9000, 7000, 2225);

        Speeds {
            if (pan < 1 || tilt < 1 || zoom < 1) {
                throw new IllegalArgumentException("speeds must be positive: " + pan + ", " + tilt + ", " + zoom);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CameraHead.class);

    private final String camera;
    private final LongSupplier clock;
    private final Speeds maxSpeeds;
    private final ControlSlot control;
    private final List<StopListener> listeners = new CopyOnWriteArrayList<>();
    private final AxisMotion pan;
    private final AxisMotion tilt;
    private final AxisMotion zoom;
    // guarded by this
    private boolean backLight;
    private HeadLimits limits;
    private ControlClient lastMover;
    private boolean restReported = true;
    private long generation;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> restTimer;

    CameraHead(String camera, LongSupplier clock, HeadLimits limits, Speeds maxSpeeds, long controlTimeLimitNanos) {
        this.camera = camera;
        this.clock = clock;
        this.maxSpeeds = maxSpeeds;
        setLimitsChecked(limits);
        long now = clock.getAsLong();
        HeadPosition home = HeadPosition.HOME;
        pan = new AxisMotion(home.pan(), now);
        tilt = new AxisMotion(home.tilt(), now);
        zoom = new AxisMotion(home.zoom(), now);
        control = new ControlSlot(camera, clock, controlTimeLimitNanos);
    }

    /** Where the head points now. */
    public synchronized HeadPosition position() {
        long now = clock.getAsLong();
        return new HeadPosition(pan.at(now), tilt.at(now), zoom.at(now), backLight);
    }

    /** Whether any axis is moving. */
    public synchronized boolean isMoving() {
        long now = clock.getAsLong();
        return pan.movingAt(now) || tilt.movingAt(now) || zoom.movingAt(now);
    }

    /** The mechanical ends of a VB-C10, GetCameraInfo's {@code *_end} values. */
    public HeadLimits ends() {
        return HeadLimits.VB_C10;
    }

    /** The control limits clients must keep within, GetCameraInfo's {@code *_limit} values. */
    public synchronized HeadLimits limits() {
        return limits;
    }

    /**
     * Changes the control limits, as an administrator would. A head outside the new limits stays where it is;
     * moves started before keep their targets.
     *
     * @throws IllegalArgumentException if the limits reach beyond the mechanical {@link #ends()}
     */
    public synchronized void setLimits(HeadLimits newLimits) {
        setLimitsChecked(newLimits);
    }

    /** Tells {@code listener} the position each time the head comes to rest; on the simulator's threads. */
    public void addStopListener(Consumer<HeadPosition> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add((position, mover) -> listener.accept(position));
    }

    /**
     * Moves the head as a client the simulator does not otherwise know would (WebView sessions see event 42), at
     * full speed, regardless of who holds control.
     *
     * @throws IllegalArgumentException if the position is outside the control limits
     */
    public void moveTo(int panHundredths, int tiltHundredths, int zoomHundredths) {
        String outside = move(null, new AxisMove(panHundredths, false, 0), new AxisMove(tiltHundredths, false, 0),
                new AxisMove(zoomHundredths, false, 0), null);
        if (outside != null) {
            throw new IllegalArgumentException(outside + " outside the control limits " + limits());
        }
    }

    /**
     * A simulated other client takes the control slot for {@code duration}, from whoever holds it (who is told by
     * event 32, as when a privileged client takes over), and then gives it back, so that the next waiter gets it.
     * Clients asking meanwhile wait (event 33) with the remaining time as {@code wait_time}. The simulated client has
     * priority 50: a privileged session of priority 50 can still take control from it, as on the camera.
     *
     * @throws IllegalStateException if control is disabled
     */
    public void occupyControl(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        control.occupy(duration.toNanos());
    }

    /**
     * A simulated privileged client takes the control slot from whoever holds it (event 32) and keeps it until
     * {@link #releaseControl()}; clients asking meanwhile wait with an unknown {@code wait_time} (0).
     *
     * @throws IllegalStateException if control is disabled
     */
    public void takeControl() {
        control.occupy(-1);
    }

    /** The simulated client of {@link #takeControl()} or {@link #occupyControl} gives control back; false if it had none. */
    public boolean releaseControl() {
        return control.releaseSimulated();
    }

    /**
     * Disabling control takes it from its holder and cancels every wait (event 32); requests are then refused
     * (event 34, or a refusing status on the native port) until control is enabled again.
     */
    public void setControlEnabled(boolean enabled) {
        control.setEnabled(enabled);
    }

    public boolean controlEnabled() {
        return control.enabled();
    }

    /**
     * Who holds control, or null: {@code "session XXXX-XXXXXXXX"}, {@code "native control connection #N"} or
     * {@code "simulated client"}.
     */
    public String controlHolder() {
        return control.holderLabel();
    }

    /** How many clients wait for control. */
    public int controlWaiters() {
        return control.waiters();
    }

    ControlSlot control() {
        return control;
    }

    Speeds maxSpeeds() {
        return maxSpeeds;
    }

    void addListener(StopListener listener) {
        listeners.add(listener);
    }

    /** Runs the timers (rest notices, control time limits) on {@code executor} from now on. */
    synchronized void attach(ScheduledExecutorService executor) {
        scheduler = executor;
        control.attach(executor);
        armRestTimer();
    }

    /** Stops the timers and forgets every control client, as a camera that restarts; the head keeps its position. */
    synchronized void detach() {
        scheduler = null;
        cancelRestTimer();
        control.detach();
    }

    /**
     * Moves the axes given, checking the targets against the control limits first: if any lies outside, nothing
     * moves. Returns null, or the name of the first axis outside ({@code pan}, {@code tilt} or {@code zoom}).
     *
     * @param mover who asked, for events 41 and 42; null for nobody in particular
     * @param panMove  null to leave the axis alone; likewise the others
     * @param lightOn  null to leave back-light compensation as it is
     */
    synchronized String move(ControlClient mover, AxisMove panMove, AxisMove tiltMove, AxisMove zoomMove,
                             Boolean lightOn) {
        long now = clock.getAsLong();
        int panTarget = target(pan, panMove, now);
        int tiltTarget = target(tilt, tiltMove, now);
        int zoomTarget = target(zoom, zoomMove, now);
        if (panMove != null && !limits.panWithin(panTarget)) {
            return "pan";
        }
        if (tiltMove != null && !limits.tiltWithin(tiltTarget)) {
            return "tilt";
        }
        if (zoomMove != null && !limits.zoomWithin(zoomTarget)) {
            return "zoom";
        }
        if (panMove != null) {
            pan.moveTo(now, panTarget, speed(panMove.speed(), maxSpeeds.pan()));
        }
        if (tiltMove != null) {
            tilt.moveTo(now, tiltTarget, speed(tiltMove.speed(), maxSpeeds.tilt()));
        }
        if (zoomMove != null) {
            zoom.moveTo(now, zoomTarget, speed(zoomMove.speed(), maxSpeeds.zoom()));
        }
        if (lightOn != null) {
            backLight = lightOn;
        }
        commanded(mover, now);
        return null;
    }

    /**
     * Moves axes continuously towards a control limit, or stops them.
     *
     * @param panDirection +1 right, -1 left, 0 stop, null to leave the axis alone
     * @param tiltDirection +1 up, -1 down, 0 stop, null to leave alone
     * @param zoomDirection +1 wide, -1 tele, 0 stop, null to leave alone
     * @param speeds hundredths of a degree per second for each axis, each capped at the maximum (0 for the maximum)
     */
    synchronized void moveContinuously(ControlClient mover, Integer panDirection, Integer tiltDirection,
                                       Integer zoomDirection, Speeds speeds) {
        long now = clock.getAsLong();
        continuous(pan, panDirection, limits.panLeft(), limits.panRight(), speed(speeds.pan(), maxSpeeds.pan()), now);
        continuous(tilt, tiltDirection, limits.tiltDown(), limits.tiltUp(), speed(speeds.tilt(), maxSpeeds.tilt()), now);
        continuous(zoom, zoomDirection, limits.zoomTele(), limits.zoomWide(), speed(speeds.zoom(), maxSpeeds.zoom()),
                now);
        commanded(mover, now);
    }

    /** Tells the listeners if the head has come to rest and nobody was told yet; the timer's work, also for tests. */
    synchronized void update() {
        long now = clock.getAsLong();
        if (restReported) {
            return;
        }
        if (pan.movingAt(now) || tilt.movingAt(now) || zoom.movingAt(now)) {
            armRestTimer();
        } else {
            reportRest(now);
        }
    }

    private void setLimitsChecked(HeadLimits newLimits) {
        Objects.requireNonNull(newLimits, "limits");
        if (!HeadLimits.VB_C10.encloses(newLimits)) {
            throw new IllegalArgumentException("control limits " + newLimits + " reach beyond the VB-C10's ends "
                    + HeadLimits.VB_C10);
        }
        limits = newLimits;
    }

    private static int target(AxisMotion axis, AxisMove move, long now) {
        if (move == null) {
            return 0;
        }
        long value = move.relative() ? (long) axis.at(now) + move.value() : move.value();
        return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, value));
    }

    private static int speed(int requested, int max) {
        return requested <= 0 ? max : Math.min(requested, max);
    }

    private static void continuous(AxisMotion axis, Integer direction, int low, int high, int speed, long now) {
        if (direction == null) {
            return;
        }
        if (direction == 0) {
            axis.stop(now);
        } else {
            axis.moveTo(now, direction > 0 ? high : low, speed);
        }
    }

    private void commanded(ControlClient mover, long now) {
        lastMover = mover;
        restReported = false;
        generation++;
        if (pan.movingAt(now) || tilt.movingAt(now) || zoom.movingAt(now)) {
            armRestTimer();
        } else {
            reportRest(now);
        }
    }

    private void reportRest(long now) {
        restReported = true;
        cancelRestTimer();
        HeadPosition position = new HeadPosition(pan.at(now), tilt.at(now), zoom.at(now), backLight);
        for (StopListener listener : listeners) {
            try {
                listener.stopped(position, lastMover);
            } catch (RuntimeException e) {
                LOG.warn("{}: head listener failed", camera, e);
            }
        }
    }

    private void armRestTimer() {
        cancelRestTimer();
        if (scheduler == null || restReported) {
            return;
        }
        long arrival = Math.max(pan.arrival(), Math.max(tilt.arrival(), zoom.arrival()));
        long delay = Math.max(0, arrival - clock.getAsLong());
        long expected = generation;
        restTimer = scheduler.schedule(() -> {
            synchronized (this) {
                if (generation == expected) {
                    update();
                }
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    private void cancelRestTimer() {
        if (restTimer != null) {
            restTimer.cancel(false);
            restTimer = null;
        }
    }
}
