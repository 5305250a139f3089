package org.camrelay.component.vbc10.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Hands commands to a camera one at a time, the newest winning. While one command is with the camera, commands that
 * arrive wait one per {@link Queued.Kind kind}: a newer command of a waiting kind merges into the waiting one (absolute
 * axes replace, relative ones add up, continuous directions and back-light are replaced), and the kinds go out in the
 * order they first arrived. So the camera never works through a backlog: a burst of any length reaches it as at most
 * one command in flight plus one per kind. Every merged command's future completes with the outcome of the command it
 * was merged into.
 * <p>
 * Commands wait, too, while the gate is shut (control not granted yet); {@link #poke()} after the gate may have opened.
 * <p>
 * Not thread-safe: confined to one thread (the client's event loop), on which the sender's futures must complete too.
 */
final class CommandMailbox {

    /** Sends one command to the camera; the future completes (on the mailbox's thread) when the camera answered. */
    interface Sender {
        CompletableFuture<PtzState> send(Queued command);
    }

    private final Sender sender;
    private final BooleanSupplier gate;
    private final Runnable onChange;
    /** Waiting commands in the order their kind first arrived; at most one per kind. */
    private final ArrayDeque<Slot> waiting = new ArrayDeque<>(Queued.Kind.values().length);
    private final Map<Queued.Kind, Slot> waitingByKind = new EnumMap<>(Queued.Kind.class);
    private Slot inFlight;
    private final List<Runnable> whenIdle = new ArrayList<>();
    private long sent;
    private long coalesced;
    private long refusals;

    /**
     * @param sender   sends one command to the camera
     * @param gate     whether commands may go to the camera now
     * @param onChange told after every change of the counters, e.g. to publish a new state
     */
    CommandMailbox(Sender sender, BooleanSupplier gate, Runnable onChange) {
        this.sender = sender;
        this.gate = gate;
        this.onChange = onChange;
    }

    /**
     * Queues a command, merged into the one of its kind that is waiting if there is one, and sends it if the camera
     * is free and the gate is open.
     *
     * @return completes with the outcome of the command this one is sent as (itself or a newer one merged into it)
     */
    CompletableFuture<PtzState> submit(Queued command) {
        CompletableFuture<PtzState> result = new CompletableFuture<>();
        Slot slot = waitingByKind.get(command.kind());
        if (slot == null) {
            slot = new Slot(command);
            waiting.add(slot);
            waitingByKind.put(command.kind(), slot);
        } else {
            slot.command = slot.command.mergedWith(command);
            coalesced++;
            onChange.run();
        }
        slot.futures.add(result);
        dispatch();
        return result;
    }

    /** The command of this kind that waits, or null. */
    Queued waiting(Queued.Kind kind) {
        Slot slot = waitingByKind.get(kind);
        return slot == null ? null : slot.command;
    }

    /** Whether any command waits (not counting the one in flight). */
    boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    /** Whether a command is with the camera. */
    boolean busy() {
        return inFlight != null;
    }

    /** Sends the next waiting command if the camera is free and the gate is open; call when the gate may have opened. */
    void poke() {
        dispatch();
    }

    /** Fails every waiting command (not the one in flight) with this failure. */
    void failWaiting(Throwable failure) {
        if (waiting.isEmpty()) {
            return;
        }
        List<Slot> failed = new ArrayList<>(waiting);
        waiting.clear();
        waitingByKind.clear();
        for (Slot slot : failed) {
            slot.complete(null, failure);
        }
    }

    /** Runs the action once no command is with the camera: now if none is, else after the one in flight. */
    void whenIdle(Runnable action) {
        if (inFlight == null) {
            action.run();
        } else {
            whenIdle.add(action);
        }
    }

    /** Counts a refusal that did not come through a command, e.g. the camera refusing control. */
    void countRefusal() {
        refusals++;
        onChange.run();
    }

    long sent() {
        return sent;
    }

    long coalesced() {
        return coalesced;
    }

    long refusals() {
        return refusals;
    }

    private void dispatch() {
        while (inFlight == null && !waiting.isEmpty() && gate.getAsBoolean()) {
            Slot slot = waiting.poll();
            waitingByKind.remove(slot.command.kind());
            inFlight = slot;
            sent++;
            onChange.run();
            CompletableFuture<PtzState> answer;
            try {
                answer = sender.send(slot.command);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            // an answer that is already there completes here, and the loop goes on with the next command
            answer.whenComplete((state, failure) -> answered(slot, state, failure));
        }
    }

    private void answered(Slot slot, PtzState state, Throwable failure) {
        if (inFlight != slot) {
            return;
        }
        inFlight = null;
        Throwable cause = unwrap(failure);
        if (cause instanceof PtzException refusal && refusal.reason() != PtzException.Reason.UNAVAILABLE) {
            refusals++;
            onChange.run();
        }
        slot.complete(state, cause);
        if (inFlight == null) {
            List<Runnable> actions = new ArrayList<>(whenIdle);
            whenIdle.clear();
            actions.forEach(Runnable::run);
        }
        dispatch();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A waiting (or sent) command and the futures of everyone whose command it carries. */
    private static final class Slot {

        Queued command;
        final List<CompletableFuture<PtzState>> futures = new ArrayList<>(1);

        Slot(Queued command) {
            this.command = command;
        }

        void complete(PtzState state, Throwable failure) {
            for (CompletableFuture<PtzState> future : futures) {
                if (failure == null) {
                    future.complete(state);
                } else {
                    future.completeExceptionally(failure);
                }
            }
        }
    }
}
