package org.camrelay.component.vbc10.control;

import java.util.Locale;
import java.util.Objects;

/**
 * A command as the {@link CommandMailbox} keeps it while it waits for the camera: moves per axis (each axis absolute
 * or relative, so that merged moves lose nothing), every other command as it was given.
 */
sealed interface Queued {

    /** The kinds of command that wait one each: a newer command of a kind merges into the one waiting. */
    enum Kind {
        /** {@link PtzCommand.Move}: absolute or relative position. */
        MOVE,
        /** {@link PtzCommand.PanTiltMove}: continuous pan/tilt. */
        PAN_TILT,
        /** {@link PtzCommand.ZoomMove}: continuous zoom. */
        ZOOM,
        /** {@link PtzCommand.BackLight}. */
        BACK_LIGHT
    }

    Kind kind();

    /** This command with a newer one of the same kind merged in: the newer wins, relative moves add up. */
    Queued mergedWith(Queued newer);

    static Queued of(PtzCommand command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof PtzCommand.Move move) {
            return AxisMove.of(move);
        }
        return new Plain(command);
    }

    /** One axis of a move: a value in degrees, absolute or relative to where the camera is. */
    record Axis(double value, boolean relative) {

        static Axis of(Double value, boolean relative) {
            return value == null ? null : new Axis(value, relative);
        }

        /** Merges a newer value for the same axis into this one: absolute replaces, relative adds. */
        static Axis merge(Axis older, Axis newer) {
            if (newer == null) {
                return older;
            }
            if (older == null || !newer.relative) {
                return newer;
            }
            return new Axis(older.value + newer.value, older.relative);
        }

        /** Where this leads from {@code current}. */
        double from(double current) {
            return relative ? current + value : value;
        }

        /** The WebView value: hundredths of a degree, {@code d} first when relative. */
        String webView() {
            return (relative ? "d" : "") + hundredths(value);
        }

        @Override
        public String toString() {
            return (relative && value >= 0 ? "+" : "") + String.format(Locale.ROOT, "%.2f", value);
        }
    }

    /** A move merged per axis; a null axis stays where it is. */
    record AxisMove(Axis pan, Axis tilt, Axis zoom) implements Queued {

        public AxisMove {
            if (pan == null && tilt == null && zoom == null) {
                throw new IllegalArgumentException("a move needs at least one axis");
            }
        }

        static AxisMove of(PtzCommand.Move move) {
            return new AxisMove(Axis.of(move.pan(), move.relative()), Axis.of(move.tilt(), move.relative()),
                    Axis.of(move.zoom(), move.relative()));
        }

        @Override
        public Kind kind() {
            return Kind.MOVE;
        }

        @Override
        public AxisMove mergedWith(Queued newer) {
            AxisMove move = (AxisMove) newer;
            return new AxisMove(Axis.merge(pan, move.pan), Axis.merge(tilt, move.tilt), Axis.merge(zoom, move.zoom));
        }

        /** Whether an axis is relative, so that the camera's position is needed to know where the move leads. */
        boolean anyRelative() {
            return pan != null && pan.relative || tilt != null && tilt.relative || zoom != null && zoom.relative;
        }

        /**
         * The position this move leads to from {@code current}; axes it leaves out stay.
         *
         * @param current where the camera is; may be null only when no axis is relative and all three are given
         */
        PtzPosition target(PtzPosition current) {
            if (current == null) {
                if (anyRelative() || pan == null || tilt == null || zoom == null) {
                    throw new IllegalStateException("the camera's position is not known");
                }
                return new PtzPosition(pan.value, tilt.value, zoom.value, false);
            }
            return new PtzPosition(pan == null ? current.pan() : pan.from(current.pan()),
                    tilt == null ? current.tilt() : tilt.from(current.tilt()),
                    zoom == null ? current.zoom() : zoom.from(current.zoom()), current.backLight());
        }

        /**
         * Checks where this move leads against the limits, for the axes it moves.
         *
         * @param current where the camera is, or null when not known (then only absolute axes can be checked)
         * @throws PtzException {@code OUT_OF_RANGE} naming the limit, or {@code UNAVAILABLE} when a relative move
         *                      cannot be checked because the position is not known
         */
        void check(PtzLimits limits, PtzPosition current) {
            if (current == null && anyRelative()) {
                throw new PtzException(PtzException.Reason.UNAVAILABLE,
                        "the camera's position is not known yet, so a relative move cannot be checked; try again");
            }
            PtzPosition from = current == null ? new PtzPosition(0, 0, 0, false) : current;
            PtzCommand.Move absolute = PtzCommand.Move.absolute(pan == null ? null : pan.from(from.pan()),
                    tilt == null ? null : tilt.from(from.tilt()), zoom == null ? null : zoom.from(from.zoom()));
            limits.check(absolute, from);
        }

        @Override
        public String toString() {
            return "Move[pan=" + pan + ", tilt=" + tilt + ", zoom=" + zoom + "]";
        }
    }

    /** A command that is replaced, not merged, by a newer one of its kind: continuous moves, back-light. */
    record Plain(PtzCommand command) implements Queued {

        public Plain {
            if (command instanceof PtzCommand.Move) {
                throw new IllegalArgumentException("moves are queued as AxisMove");
            }
            Objects.requireNonNull(command, "command");
        }

        @Override
        public Kind kind() {
            if (command instanceof PtzCommand.PanTiltMove) {
                return Kind.PAN_TILT;
            }
            if (command instanceof PtzCommand.ZoomMove) {
                return Kind.ZOOM;
            }
            return Kind.BACK_LIGHT;
        }

        @Override
        public Queued mergedWith(Queued newer) {
            return newer;
        }
    }

    /** Degrees as Canon's hundredths, rounded. */
    static int hundredths(double degrees) {
        return (int) Math.round(degrees * 100);
    }
}
