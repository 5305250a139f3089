package org.camrelay.simulator;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One WebView session (OpenCameraServer): its priority and picture size, its GetLiveImage serial numbers, its
 * queue of GetNotice events and the GetNotice waiting for one, and its place in the control slot. Thread-safe:
 * requests of one session arrive on any connection.
 *
 * <p>The event queue holds at most {@value #MAX_EVENTS} events; when it is full the oldest is dropped [guess].
 * Events a GetNotice's {@code notice} filter leaves out stay queued for a later GetNotice.
 */
final class WebViewSession implements ControlClient {

    static final int MAX_EVENTS = 32;

    private final String id;
    private final boolean video;
    private final UserLevel user;
    private final WebViewSessions owner;
    private final LongSupplier clock;
    private final long openedNanos;
    private final AtomicLong frameSerial = new AtomicLong();
    private volatile int priority;
    private volatile FrameSize size;
    // guarded by this
    private final ArrayDeque<Notice> events = new ArrayDeque<>();
    private NoticeWait wait;
    private long lastActivity;
    private boolean ended;
    private boolean endAnnounced;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> lifeTimer;

    WebViewSession(String id, boolean video, UserLevel user, int priority, FrameSize size, WebViewSessions owner,
                   LongSupplier clock) {
        this.id = id;
        this.video = video;
        this.user = user;
        this.priority = priority;
        this.size = size;
        this.owner = owner;
        this.clock = clock;
        openedNanos = clock.getAsLong();
        lastActivity = openedNanos;
        if (video) {
            events.add(Notice.VIDEO_SERVER_CONNECTED);
        }
        events.add(Notice.CONTROL_SERVER_CONNECTED);
    }

    String id() {
        return id;
    }

    /** Whether the session delivers video; false for {@code vc_host=null_host}. */
    boolean video() {
        return video;
    }

    UserLevel user() {
        return user;
    }

    @Override
    public int priority() {
        return priority;
    }

    void priority(int newPriority) {
        priority = newPriority;
    }

    FrameSize size() {
        return size;
    }

    /** The next GetLiveImage serial number, from 1. */
    long nextFrameSerial() {
        return frameSerial.incrementAndGet();
    }

    long openedNanos() {
        return openedNanos;
    }

    synchronized boolean ended() {
        return ended;
    }

    /** Counts a request as activity, for the idle timeout. */
    synchronized void touch() {
        lastActivity = clock.getAsLong();
    }

    /** Queues an event, or answers the waiting GetNotice with it. */
    void post(Notice notice) {
        NoticeWait answered;
        synchronized (this) {
            if (ended) {
                return;
            }
            if (wait == null || !wait.accepts(notice)) {
                events.add(notice);
                if (events.size() > MAX_EVENTS) {
                    events.poll();
                }
                return;
            }
            answered = wait;
            wait = null;
            lastActivity = clock.getAsLong();
            answered.cancelTimeout();
        }
        answered.exchange().notice(notice);
    }

    /**
     * GetNotice: answers with the first queued event the filter accepts, or waits up to {@code timeoutNanos} for
     * one (then 404 Operation Timeout); 408 Conflict while another GetNotice waits. An ended session answers its
     * event 23 once; then it is gone (501).
     *
     * @param filter the accepted event numbers, null for all
     */
    void awaitNotice(WebViewExchange exchange, Set<Integer> filter, long timeoutNanos, ScheduledExecutorService timer) {
        Notice now = null;
        LivescopeStatus error = null;
        synchronized (this) {
            if (ended) {
                if (endAnnounced) {
                    error = LivescopeStatus.UNKNOWN_CONNECTION_ID;
                } else {
                    endAnnounced = true;
                    owner.remove(this);
                    now = Notice.CONNECTION_CLOSED;
                }
            } else if (wait != null) {
                error = LivescopeStatus.CONFLICT;
            } else {
                lastActivity = clock.getAsLong();
                now = take(filter);
                if (now == null && timeoutNanos > 0) {
                    NoticeWait waiting = new NoticeWait(exchange, filter);
                    wait = waiting;
                    waiting.timeout = timer.schedule(() -> timeOut(waiting), timeoutNanos, TimeUnit.NANOSECONDS);
                    exchange.channel().closeFuture().addListener(closed -> abandon(waiting));
                    return;
                }
                if (now == null) {
                    error = LivescopeStatus.OPERATION_TIMEOUT;
                }
            }
        }
        if (now != null) {
            exchange.notice(now);
        } else if (error == LivescopeStatus.CONFLICT) {
            exchange.error(error, "another GetNotice is waiting");
        } else if (error == LivescopeStatus.OPERATION_TIMEOUT) {
            exchange.error(error, "no event");
        } else {
            exchange.error(error, "connection_id=" + id);
        }
    }

    /**
     * Ends the session: a waiting GetNotice gets event 23; otherwise the next GetNotice gets it. Returns false if
     * the session had already ended. The caller removes it from the control slot.
     */
    boolean end() {
        NoticeWait answered;
        synchronized (this) {
            if (ended) {
                return false;
            }
            ended = true;
            cancel(idleTimer);
            cancel(lifeTimer);
            events.clear();
            answered = wait;
            wait = null;
            if (answered != null) {
                answered.cancelTimeout();
                endAnnounced = true;
                owner.remove(this);
            }
        }
        if (answered != null) {
            answered.exchange().notice(Notice.CONNECTION_CLOSED);
        }
        return true;
    }

    /** Whether the session made no request for {@code idleNanos} and has no GetNotice waiting. */
    synchronized long idleRemaining(long idleNanos) {
        if (wait != null) {
            lastActivity = clock.getAsLong();
        }
        return lastActivity + idleNanos - clock.getAsLong();
    }

    synchronized void timers(ScheduledFuture<?> idle, ScheduledFuture<?> life) {
        if (idle != null) {
            cancel(idleTimer);
            idleTimer = idle;
        }
        if (life != null) {
            cancel(lifeTimer);
            lifeTimer = life;
        }
        if (ended) {
            cancel(idleTimer);
            cancel(lifeTimer);
        }
    }

    @Override
    public String label() {
        return "session " + id;
    }

    @Override
    public void controlGranted(long timeLimitMillis) {
        post(Notice.controlEnabled(timeLimitMillis));
    }

    @Override
    public void controlWaiting(long waitMillis) {
        post(Notice.controlWaiting(waitMillis));
    }

    @Override
    public void controlRevoked() {
        post(Notice.CONTROL_DISABLED);
    }

    @Override
    public void controlRefused() {
        post(Notice.CONTROL_REFUSED);
    }

    @Override
    public String toString() {
        return label();
    }

    private Notice take(Set<Integer> filter) {
        for (Iterator<Notice> queued = events.iterator(); queued.hasNext(); ) {
            Notice notice = queued.next();
            if (filter == null || filter.contains(notice.number())) {
                queued.remove();
                return notice;
            }
        }
        return null;
    }

    private void timeOut(NoticeWait waiting) {
        synchronized (this) {
            if (wait != waiting) {
                return;
            }
            wait = null;
            lastActivity = clock.getAsLong();
        }
        waiting.exchange().error(LivescopeStatus.OPERATION_TIMEOUT, "no event");
    }

    private synchronized void abandon(NoticeWait waiting) {
        if (wait == waiting) {
            wait = null;
            lastActivity = clock.getAsLong();
            waiting.cancelTimeout();
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** A GetNotice waiting for an event. */
    private static final class NoticeWait {
        private final WebViewExchange exchange;
        private final Set<Integer> filter;
        private ScheduledFuture<?> timeout;

        NoticeWait(WebViewExchange exchange, Set<Integer> filter) {
            this.exchange = exchange;
            this.filter = filter;
        }

        WebViewExchange exchange() {
            return exchange;
        }

        boolean accepts(Notice notice) {
            return filter == null || filter.contains(notice.number());
        }

        void cancelTimeout() {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }
}
