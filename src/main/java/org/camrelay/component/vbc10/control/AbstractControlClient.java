package org.camrelay.component.vbc10.control;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.netty.channel.EventLoop;
import org.camrelay.component.vbc10.control.CameraGrant.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both camera-facing control clients share: the public API hopping onto the client's one event loop, where all
 * state lives without locks; the grant as the camera last reported it, with the {@link #acquire()} future and the
 * grant listeners; the {@link CommandMailbox} with its gate (commands go out only while control is granted) and the
 * limit check before anything is queued; and the published {@link PtzState}.
 * <p>
 * Subclasses speak the protocol: they are told when control becomes wanted or not, send one command at a time, and
 * report what the camera says through {@link #setGrant}, {@link #setPosition} and so on, always on the event loop.
 */
abstract class AbstractControlClient implements CameraControlClient {

    protected final Logger log = LoggerFactory.getLogger(getClass());
    protected final ControlSettings settings;
    protected final String camera;
    protected final EventLoop loop;
    protected final CommandMailbox mailbox;
    private final List<Consumer<CameraGrant>> listeners = new CopyOnWriteArrayList<>();

    // confined to the event loop
    /** Between start() and stop(). */
    protected boolean running;
    /** Between acquire() and release() (or the camera refusing for good). */
    protected boolean wanted;
    protected CameraGrant grant = CameraGrant.none();
    protected PtzPosition position;
    protected PtzLimits limits;
    protected boolean available;
    private CompletableFuture<CameraGrant> acquiring;
    private ScheduledFuture<?> grantWait;

    private volatile PtzState state;

    AbstractControlClient(ControlSettings settings, EventLoop loop, PtzLimits limits) {
        this.settings = settings;
        this.camera = settings.camera;
        this.loop = loop;
        this.limits = limits;
        this.mailbox = new CommandMailbox(this::send, this::ready, this::publish);
        publish();
    }

    // ---- the public API: every call hops onto the event loop ----

    @Override
    public final void start() {
        onLoop(() -> {
            if (running) {
                return;
            }
            running = true;
            onStart();
        }, null);
    }

    @Override
    public final void stop() {
        onLoop(() -> {
            if (!running) {
                return;
            }
            running = false;
            wanted = false;
            CameraGrant previous = grant;
            cancel(grantWait);
            grantWait = null;
            setGrant(CameraGrant.of(State.NONE, 0, "camera control is stopped"),
                    unavailable("camera control of camera '" + camera + "' has stopped"));
            available = false;
            publish();
            onStop(previous);
        }, null);
    }

    @Override
    public final CompletableFuture<CameraGrant> acquire() {
        CompletableFuture<CameraGrant> result = new CompletableFuture<>();
        onLoop(() -> {
            if (!running) {
                result.completeExceptionally(unavailable("camera control of camera '" + camera + "' is not running"));
                return;
            }
            if (wanted && grant.granted()) {
                result.complete(grant);
                return;
            }
            if (acquiring == null) {
                acquiring = new CompletableFuture<>();
            }
            acquiring.whenComplete((granted, failure) -> {
                if (failure == null) {
                    result.complete(granted);
                } else {
                    result.completeExceptionally(failure);
                }
            });
            if (!wanted) {
                wanted = true;
                onAcquire();
            }
        }, result);
        return result;
    }

    @Override
    public final void release() {
        onLoop(() -> {
            if (!wanted) {
                return;
            }
            wanted = false;
            CameraGrant previous = grant;
            setGrant(CameraGrant.of(State.NONE, 0, null),
                    refused("the relay gave up control of camera '" + camera + "'"));
            onRelease(previous);
        }, null);
    }

    @Override
    public final CompletableFuture<PtzState> submit(PtzCommand command) {
        CompletableFuture<PtzState> result = new CompletableFuture<>();
        onLoop(() -> {
            try {
                queue(command).whenComplete((after, failure) -> {
                    if (failure == null) {
                        result.complete(after);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
            } catch (PtzException e) {
                log.debug("Camera '{}': {} not sent: {}", camera, command, e.getMessage());
                result.completeExceptionally(e);
            }
        }, result);
        return result;
    }

    @Override
    public final PtzState state() {
        return state;
    }

    @Override
    public final void addGrantListener(Consumer<CameraGrant> listener) {
        listeners.add(listener);
    }

    // ---- what subclasses implement, all called on the event loop ----

    /** Starts what the client does without control (e.g. reading position and limits). */
    protected abstract void onStart();

    /** Gives back what {@code previous} held, closes everything and stops retrying; {@link #running} is false. */
    protected abstract void onStop(CameraGrant previous);

    /** Control has just become wanted: ask the camera for it. */
    protected abstract void onAcquire();

    /** Control is no longer wanted: stop continuous moves and give back what {@code previous} held or queued for. */
    protected abstract void onRelease(CameraGrant previous);

    /** Why this client cannot carry out the command at all, or null if it can. */
    protected abstract String unsupported(PtzCommand command);

    /** Sends one command; the future completes on the event loop with the state once the camera accepted it. */
    protected abstract CompletableFuture<PtzState> send(Queued command);

    /** Whether commands may go to the camera now: control granted and the connection (session) in place. */
    protected abstract boolean ready();

    // ---- for subclasses: report what the camera says ----

    /**
     * Records the camera's latest word on the control slot, tells the listeners (when it changed), then settles what
     * waits on it: a grant completes {@link #acquire()} and lets the waiting commands go; {@code REQUESTED} keeps them
     * waiting (for a while); any other state fails them at once with {@code failure}, and {@code REFUSED} or
     * {@code NONE} fail a pending {@link #acquire()} too.
     */
    protected final void setGrant(CameraGrant next, PtzException failure) {
        CameraGrant previous = grant;
        grant = next;
        publish();
        // listeners first, so that whoever a future wakes finds them told
        if (previous.state() != next.state() || previous.millis() != next.millis()
            || !Objects.equals(previous.reason(), next.reason())) {
            for (Consumer<CameraGrant> listener : listeners) {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    log.warn("Camera '{}': a control listener failed", camera, e);
                }
            }
        }
        switch (next.state()) {
            case GRANTED -> {
                cancel(grantWait);
                grantWait = null;
                if (acquiring != null) {
                    CompletableFuture<CameraGrant> granted = acquiring;
                    acquiring = null;
                    granted.complete(next);
                }
                mailbox.poke();
            }
            case REQUESTED -> armGrantWait();
            default -> {
                cancel(grantWait);
                grantWait = null;
                mailbox.failWaiting(failure);
                if ((next.state() == State.REFUSED || next.state() == State.NONE) && acquiring != null) {
                    CompletableFuture<CameraGrant> failed = acquiring;
                    acquiring = null;
                    failed.completeExceptionally(failure);
                }
            }
        }
    }

    /** {@link #setGrant(CameraGrant, PtzException)} with the failure the new state implies for waiting commands. */
    protected final void setGrant(State state, long millis, String reason) {
        CameraGrant next = CameraGrant.of(state, millis, reason);
        setGrant(next, notHeld(next));
    }

    protected final void setPosition(PtzPosition position) {
        if (position != null && !position.equals(this.position)) {
            this.position = position;
            publish();
        }
    }

    protected final void setLimits(PtzLimits limits) {
        if (limits != null && !limits.equals(this.limits)) {
            this.limits = limits;
            publish();
        }
    }

    protected final void setAvailable(boolean available) {
        if (available != this.available) {
            this.available = available;
            publish();
        }
    }

    /** Why a command fails while the grant is {@code grant}: the camera's words, fit for a user. */
    protected final PtzException notHeld(CameraGrant grant) {
        String reason = grant.reason() == null ? "" : ": " + grant.reason();
        String message = switch (grant.state()) {
            case WAITING -> "camera '" + camera + "' is controlled by another client of the camera; the relay waits in"
                            + " the camera's queue" + (grant.millis() > 0 ? ", about " + seconds(grant.millis())
                                                                             + " s" : "");
            case REVOKED -> "camera '" + camera + "' took control away from the relay" + reason;
            case REFUSED -> "camera '" + camera + "' did not give the relay control" + reason;
            case REQUESTED -> "camera '" + camera + "' has not granted control yet" + reason;
            case GRANTED -> "camera '" + camera + "' has granted control";
            case NONE -> "the relay does not hold control of camera '" + camera + "'" + reason;
        };
        return refused(message);
    }

    protected static PtzException refused(String message) {
        return new PtzException(PtzException.Reason.CAMERA_REFUSED, message);
    }

    protected static PtzException unavailable(String message) {
        return new PtzException(PtzException.Reason.UNAVAILABLE, message);
    }

    /** Runs {@code task} on the event loop later (never inline), failing {@code future} if the loop has shut down. */
    protected final void onLoop(Runnable task, CompletableFuture<?> future) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            if (future != null) {
                future.completeExceptionally(unavailable("camera control of camera '" + camera
                                                         + "' has shut down"));
            }
        }
    }

    /** Runs {@code handler} on the event loop once {@code future} completes: at once if it completes there. */
    protected final <T> void whenDone(CompletableFuture<T> future, BiConsumer<T, Throwable> handler) {
        future.whenComplete((value, failure) -> {
            if (loop.inEventLoop()) {
                handler.accept(value, failure);
            } else {
                onLoop(() -> handler.accept(value, failure), null);
            }
        });
    }

    protected final ScheduledFuture<?> schedule(Runnable task, long millis) {
        try {
            return loop.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // shutting down: nothing more to do
        }
    }

    protected static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    protected static String seconds(long millis) {
        return String.format(Locale.ROOT, millis % 1000 == 0 ? "%.0f" : "%.1f", millis / 1000.0);
    }

    /** Publishes a new state for {@link #state()}. */
    protected final void publish() {
        state = new PtzState(available, position, limits, grant, mailbox.sent(), mailbox.coalesced(),
                mailbox.refusals());
    }

    private CompletableFuture<PtzState> queue(PtzCommand command) {
        if (!running) {
            throw unavailable("camera control of camera '" + camera + "' is not running");
        }
        String unsupported = unsupported(command);
        if (unsupported != null) {
            throw unavailable(unsupported);
        }
        Queued queued = Queued.of(command);
        if (queued instanceof Queued.AxisMove move) {
            if (limits == null) {
                throw unavailable("the control limits of camera '" + camera + "' are not known yet; try again");
            }
            Queued waiting = mailbox.waiting(Queued.Kind.MOVE);
            (waiting == null ? move : ((Queued.AxisMove) waiting).mergedWith(move)).check(limits, position);
        }
        if (grant.state() != State.GRANTED && grant.state() != State.REQUESTED) {
            throw notHeld(grant);
        }
        CompletableFuture<PtzState> result = mailbox.submit(queued);
        armGrantWait();
        return result;
    }

    /** Commands waiting for a grant the camera has not answered yet fail after a while, rather than hang. */
    private void armGrantWait() {
        if (grantWait != null || ready() || !mailbox.hasWaiting()) {
            return;
        }
        grantWait = schedule(() -> {
            grantWait = null;
            if (!ready() && mailbox.hasWaiting()) {
                mailbox.failWaiting(refused("camera '" + camera + "' has not granted control within "
                                            + seconds(settings.grantWaitMillis) + " s"));
            }
        }, settings.grantWaitMillis);
    }

    /** Logs an outage of one part of the conversation once when it begins and once when it ends. */
    protected final class Outage {

        private final String what;
        private boolean down;
        private long since;
        private int failures;

        Outage(String what) {
            this.what = what;
        }

        /** One more failure: the first of an outage is logged at WARN, the others at DEBUG. */
        void failed(String reason) {
            failures++;
            if (!down) {
                down = true;
                since = System.nanoTime();
                failures = 1;
                log.warn("Camera '{}': {} failed: {}", camera, what, reason);
            } else {
                log.debug("Camera '{}': {} failed again: {}", camera, what, reason);
            }
        }

        /** Works again: logged at INFO if it had failed. */
        void recovered() {
            if (down) {
                down = false;
                log.info("Camera '{}': {} works again after {} s, {} failure{}", camera, what,
                        seconds((System.nanoTime() - since) / 1_000_000), failures, failures == 1 ? "" : "s");
            }
        }
    }
}
