package org.camrelay.simulator;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera's single control slot, shared by every control client of every transport: one holder at a time and
 * a first-in first-out queue of waiters, as WebView's GetCameraControl describes it [spec 4.1.4].
 *
 * <ul>
 * <li>A request while control is disabled is refused (event 34). A request by the holder or a waiter is ignored.</li>
 * <li>A free slot is granted at once (event 31 with the time limit). A privileged client (priority 5 and up) takes
 *     the slot from a holder of equal or lower priority, who is told by event 32 [spec]; anyone else queues and is
 *     told the expected wait (event 33), and told again whenever that expectation changes by more than a second
 *     (the threshold is our [guess]).</li>
 * <li>A general holder (priority 0) loses the slot after the configured time limit, whether or not anyone waits
 *     [guess: the specification gives general sessions a finite control time and says no more]; the next waiter
 *     gets it. Privileged holders have no time limit.</li>
 * <li>Giving control up or leaving the queue is confirmed by event 32 [guess: yield.cgi says the change is notified
 *     as an event]; a client that disappears (session ended, connection closed) leaves silently.</li>
 * </ul>
 *
 * Expected waits are the holder's remaining time plus the time limit of each general waiter ahead; behind a holder
 * or waiter without a time limit the camera cannot tell, and reports 0 [guess]. Thread-safe; time limits are
 * applied when due, by a timer on the attached scheduler and again lazily by every call.
 */
final class ControlSlot {

    /** The priority of the simulated other client of the test hooks: the highest a VB-C10 accepts. */
    static final int SIMULATED_PRIORITY = 50;

    private static final Logger LOG = LoggerFactory.getLogger(ControlSlot.class);
    private static final long NO_EXPIRY = Long.MAX_VALUE;
    private static final long UNKNOWN = -1;
    private static final long WAIT_CHANGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String camera;
    private final LongSupplier clock;
    private final long timeLimitNanos;
    private final ControlClient simulated = new SimulatedClient();
    private final ArrayDeque<ControlClient> queue = new ArrayDeque<>();
    /** For each waiter, the moment it was told it would get control, or {@link #UNKNOWN}. */
    private final Map<ControlClient, Long> announced = new HashMap<>();
    private ControlClient holder;
    private long holderExpiry = NO_EXPIRY;
    private boolean enabled = true;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> expiryTimer;

    /** @param timeLimitNanos how long a general client may hold control; 0 for no limit */
    ControlSlot(String camera, LongSupplier clock, long timeLimitNanos) {
        this.camera = camera;
        this.clock = clock;
        this.timeLimitNanos = timeLimitNanos;
    }

    synchronized void attach(ScheduledExecutorService executor) {
        scheduler = executor;
        armExpiryTimer();
    }

    /** Forgets every client, silently, as a camera that restarts; the simulated client's hold ends too. */
    synchronized void detach() {
        scheduler = null;
        cancelExpiryTimer();
        holder = null;
        holderExpiry = NO_EXPIRY;
        queue.clear();
        announced.clear();
    }

    /** GetCameraControl, or the native take-control datagram. */
    synchronized void request(ControlClient client) {
        long now = clock.getAsLong();
        expireIfDue(now);
        if (!enabled) {
            client.controlRefused();
            return;
        }
        if (holder == client || queue.contains(client)) {
            return;
        }
        if (holder == null) {
            grant(client, now);
        } else if (ControlClient.privileged(client.priority()) && client.priority() >= holder.priority()) {
            LOG.debug("{}: {} takes camera control from {}", camera, client.label(), holder.label());
            revokeHolder();
            grant(client, now);
        } else {
            queue.add(client);
        }
        announceWaits(now);
    }

    /**
     * ReleaseCameraControl, or the native give-back datagram: gives control up or leaves the queue, confirmed by
     * event 32. Returns false if the client neither held nor waited for control.
     */
    synchronized boolean release(ControlClient client) {
        long now = clock.getAsLong();
        expireIfDue(now);
        if (!remove(client, now)) {
            return false;
        }
        client.controlRevoked();
        return true;
    }

    /** Removes a client that went away (session ended, connection closed) without telling it. */
    synchronized void leave(ControlClient client) {
        long now = clock.getAsLong();
        expireIfDue(now);
        remove(client, now);
    }

    synchronized boolean holds(ControlClient client) {
        expireIfDue(clock.getAsLong());
        return holder == client;
    }

    synchronized boolean waiting(ControlClient client) {
        expireIfDue(clock.getAsLong());
        return queue.contains(client);
    }

    /** The holder's priority changed: its time limit starts again for a general holder, and ends for a privileged one. */
    synchronized void priorityChanged(ControlClient client) {
        long now = clock.getAsLong();
        expireIfDue(now);
        if (holder == client) {
            holderExpiry = expiryFor(client, now);
            armExpiryTimer();
            announceWaits(now);
        }
    }

    /** Takes the slot for the simulated other client, from any holder, for {@code nanos} or for good if negative. */
    synchronized void occupy(long nanos) {
        long now = clock.getAsLong();
        expireIfDue(now);
        if (!enabled) {
            throw new IllegalStateException(camera + ": camera control is disabled");
        }
        if (holder != simulated) {
            queue.remove(simulated);
            if (holder != null) {
                revokeHolder();
            }
            holder = simulated;
        }
        holderExpiry = nanos < 0 ? NO_EXPIRY : now + nanos;
        armExpiryTimer();
        announceWaits(now);
    }

    /** The simulated other client gives its slot back; returns whether it held it. */
    synchronized boolean releaseSimulated() {
        long now = clock.getAsLong();
        expireIfDue(now);
        return remove(simulated, now);
    }

    /** Disabling takes control from the holder and cancels every wait (event 32); requests are then refused. */
    synchronized void setEnabled(boolean on) {
        long now = clock.getAsLong();
        expireIfDue(now);
        enabled = on;
        if (on) {
            return;
        }
        if (holder != null) {
            revokeHolder();
        }
        holderExpiry = NO_EXPIRY;
        cancelExpiryTimer();
        for (ControlClient waiter : queue) {
            waiter.controlRevoked();
        }
        queue.clear();
        announced.clear();
    }

    synchronized boolean enabled() {
        return enabled;
    }

    /** The holder's label, or null when nobody holds control. */
    synchronized String holderLabel() {
        expireIfDue(clock.getAsLong());
        return holder == null ? null : holder.label();
    }

    /** The priority of the holder, or -1 when nobody holds control. */
    synchronized int holderPriority() {
        expireIfDue(clock.getAsLong());
        return holder == null ? -1 : holder.priority();
    }

    synchronized int waiters() {
        expireIfDue(clock.getAsLong());
        return queue.size();
    }

    private boolean remove(ControlClient client, long now) {
        if (holder == client) {
            holder = null;
            grantNext(now);
            announceWaits(now);
            return true;
        }
        if (queue.remove(client)) {
            announced.remove(client);
            announceWaits(now);
            return true;
        }
        return false;
    }

    private void expireIfDue(long now) {
        if (holder != null && holderExpiry != NO_EXPIRY && now - holderExpiry >= 0) {
            LOG.debug("{}: camera control time of {} is up", camera, holder.label());
            revokeHolder();
            grantNext(now);
            announceWaits(now);
        }
    }

    private void revokeHolder() {
        ControlClient loser = holder;
        holder = null;
        holderExpiry = NO_EXPIRY;
        cancelExpiryTimer();
        loser.controlRevoked();
    }

    private void grantNext(long now) {
        ControlClient next = queue.poll();
        if (next != null) {
            announced.remove(next);
            grant(next, now);
        } else {
            holderExpiry = NO_EXPIRY;
            cancelExpiryTimer();
        }
    }

    private void grant(ControlClient client, long now) {
        holder = client;
        holderExpiry = expiryFor(client, now);
        armExpiryTimer();
        LOG.debug("{}: {} gets camera control", camera, client.label());
        client.controlGranted(holderExpiry == NO_EXPIRY ? 0 : TimeUnit.NANOSECONDS.toMillis(holderExpiry - now));
    }

    private long expiryFor(ControlClient client, long now) {
        return ControlClient.privileged(client.priority()) || timeLimitNanos <= 0 ? NO_EXPIRY : now + timeLimitNanos;
    }

    /** Tells each waiter its expected wait if it is new or has changed. */
    private void announceWaits(long now) {
        long expected = holder == null || holderExpiry == NO_EXPIRY ? UNKNOWN : holderExpiry;
        for (ControlClient waiter : queue) {
            Long before = announced.get(waiter);
            boolean changed = before == null || (before == UNKNOWN) != (expected == UNKNOWN)
                    || Math.abs(before - expected) > WAIT_CHANGE_NANOS;
            if (changed) {
                announced.put(waiter, expected);
                waiter.controlWaiting(expected == UNKNOWN ? 0 : TimeUnit.NANOSECONDS.toMillis(Math.max(0, expected - now)));
            }
            long hold = ControlClient.privileged(waiter.priority()) || timeLimitNanos <= 0 ? UNKNOWN : timeLimitNanos;
            expected = expected == UNKNOWN || hold == UNKNOWN ? UNKNOWN : expected + hold;
        }
        // forget waiters that left
        for (Iterator<ControlClient> known = announced.keySet().iterator(); known.hasNext(); ) {
            if (!queue.contains(known.next())) {
                known.remove();
            }
        }
    }

    private void armExpiryTimer() {
        cancelExpiryTimer();
        if (scheduler == null || holder == null || holderExpiry == NO_EXPIRY) {
            return;
        }
        long delay = Math.max(0, holderExpiry - clock.getAsLong());
        expiryTimer = scheduler.schedule(this::onTimer, delay, TimeUnit.NANOSECONDS);
    }

    private synchronized void onTimer() {
        long now = clock.getAsLong();
        expireIfDue(now);
        if (holder != null && holderExpiry != NO_EXPIRY && holderExpiry - now > 0) {
            armExpiryTimer(); // the timer fired before the expiry it was set for was moved
        }
    }

    private void cancelExpiryTimer() {
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
            expiryTimer = null;
        }
    }

    /** The "other client" of the test hooks: privileged, and deaf. */
    private static final class SimulatedClient implements ControlClient {

        @Override
        public int priority() {
            return SIMULATED_PRIORITY;
        }

        @Override
        public String label() {
            return "simulated client";
        }

        @Override
        public void controlGranted(long timeLimitMillis) {
        }

        @Override
        public void controlWaiting(long waitMillis) {
        }

        @Override
        public void controlRevoked() {
        }

        @Override
        public void controlRefused() {
        }
    }
}
