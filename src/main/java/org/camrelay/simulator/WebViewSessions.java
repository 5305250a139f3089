package org.camrelay.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebView sessions of one simulated camera: opens them up to the maximum number of clients, ends them when
 * idle or at the maximum connection time, and tells them when the camera head comes to rest (events 41 and 42).
 * Thread-safe.
 */
final class WebViewSessions implements CameraHead.StopListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebViewSessions.class);

    private final String camera;
    private final LongSupplier clock;
    private final int maxClients;
    private final long idleNanos;
    private final long connectionLimitNanos;
    private final ControlSlot control;
    private final Map<String, WebViewSession> byId = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    // guarded by this
    private int live;
    private String idPrefix = newPrefix();
    private ScheduledExecutorService scheduler;

    /**
     * @param idleNanos            how long a session may make no request
     * @param connectionLimitNanos how long a general session may live, 0 for no limit
     */
    WebViewSessions(String camera, LongSupplier clock, int maxClients, long idleNanos, long connectionLimitNanos,
                    ControlSlot control) {
        this.camera = camera;
        this.clock = clock;
        this.maxClients = maxClients;
        this.idleNanos = idleNanos;
        this.connectionLimitNanos = connectionLimitNanos;
        this.control = control;
    }

    synchronized void attach(ScheduledExecutorService executor) {
        scheduler = executor;
        idPrefix = newPrefix();
    }

    /** Forgets every session, as a camera that restarts. */
    synchronized void detach() {
        scheduler = null;
        for (WebViewSession session : byId.values()) {
            session.end();
        }
        byId.clear();
        live = 0;
    }

    /** Opens a session, or returns null if the camera has its maximum number of clients. */
    WebViewSession open(UserLevel user, boolean video, int priority, FrameSize size) {
        WebViewSession session;
        ScheduledExecutorService timers;
        synchronized (this) {
            if (live >= maxClients || scheduler == null) {
                return null;
            }
            String id;
            do {
                id = idPrefix + "-" + String.format(Locale.ROOT, "%08X", ThreadLocalRandom.current().nextInt());
            } while (byId.containsKey(id));
            session = new WebViewSession(id, video, user, priority, size, this, clock);
            byId.put(id, session);
            live++;
            total.incrementAndGet();
            timers = scheduler;
        }
        LOG.debug("{}: WebView {} opened by a {} client", camera, session, user.name().toLowerCase(Locale.ROOT));
        scheduleIdleCheck(session, idleNanos, timers);
        scheduleLifeEnd(session, timers);
        return session;
    }

    /** The session with this id, if it has not ended. */
    WebViewSession live(String id) {
        WebViewSession session = byId.get(id.toUpperCase(Locale.ROOT));
        return session == null || session.ended() ? null : session;
    }

    /** The session with this id, ended or not, as GetNotice needs to answer an ended session's event 23. */
    WebViewSession any(String id) {
        return byId.get(id.toUpperCase(Locale.ROOT));
    }

    /** Ends a session (CloseCameraServer, idle, maximum connection time) and takes it out of the control slot. */
    void end(WebViewSession session, String why) {
        if (session.end()) {
            synchronized (this) {
                live--;
            }
            control.leave(session);
            LOG.debug("{}: WebView {} ended: {}", camera, session, why);
            ScheduledExecutorService timers = scheduler();
            if (timers != null) {
                // an ended session answers one more GetNotice with event 23, if asked before it would have idled out
                schedule(timers, () -> remove(session), idleNanos);
            }
        }
    }

    /** The session's priority changed: a general session's maximum connection time applies again. */
    void priorityChanged(WebViewSession session) {
        control.priorityChanged(session);
        ScheduledExecutorService timers = scheduler();
        if (timers != null) {
            scheduleLifeEnd(session, timers);
        }
    }

    void remove(WebViewSession session) {
        byId.remove(session.id(), session);
    }

    synchronized int live() {
        return live;
    }

    long total() {
        return total.get();
    }

    @Override
    public void stopped(HeadPosition position, ControlClient mover) {
        for (WebViewSession session : byId.values()) {
            session.post(Notice.cameraOperated(session == mover, position));
        }
    }

    private synchronized ScheduledExecutorService scheduler() {
        return scheduler;
    }

    private void scheduleIdleCheck(WebViewSession session, long delayNanos, ScheduledExecutorService timers) {
        session.timers(schedule(timers, () -> checkIdle(session), delayNanos), null);
    }

    private void checkIdle(WebViewSession session) {
        long remaining = session.idleRemaining(idleNanos);
        ScheduledExecutorService timers = scheduler();
        if (remaining <= 0) {
            end(session, "no request for " + TimeUnit.NANOSECONDS.toMillis(idleNanos) + " ms");
        } else if (timers != null) {
            scheduleIdleCheck(session, remaining, timers);
        }
    }

    private void scheduleLifeEnd(WebViewSession session, ScheduledExecutorService timers) {
        if (connectionLimitNanos <= 0 || ControlClient.privileged(session.priority())) {
            return;
        }
        long delay = Math.max(0, session.openedNanos() + connectionLimitNanos - clock.getAsLong());
        session.timers(null, schedule(timers, () -> {
            if (!ControlClient.privileged(session.priority())) {
                end(session, "maximum connection time");
            }
        }, delay));
    }

    /** Schedules a timer, or none if the simulator is stopping and its threads take no more work. */
    private static ScheduledFuture<?> schedule(ScheduledExecutorService timers, Runnable task, long delayNanos) {
        try {
            return timers.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private static String newPrefix() {
        return String.format(Locale.ROOT, "%04X", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
