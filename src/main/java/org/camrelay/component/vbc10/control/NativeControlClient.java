package org.camrelay.component.vbc10.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.camrelay.component.vbc10.ConnectionFailures;
import org.camrelay.component.vbc10.ReconnectBackoff;
import org.camrelay.component.vbc10.control.CameraGrant.State;

/**
 * Steers a Canon camera over its native control port (65311), as the reverse-engineered VB-C50i driver does; how much
 * of it a VB-C10 speaks is not published, so the uncertain parts are options or marked [guess].
 * <ul>
 * <li>While control is not wanted, a short connection at start and once every {@code infoRefreshMillis} (a minute)
 * logs in, reads the position and closes again, so that the position and whether the port answers are known before
 * anybody steers (as WebView's sessionless GetCameraInfo gives them). {@link #acquire()} connects, sends the
 * configured login datagrams
 * ({@code controlLogin}, none by default) one reply each, queries the position ({@code 0x33}, status {@code 0x8000})
 * and asks for control ({@code 0x21}, status {@code 0x0001}). A lost connection is reconnected with backoff while
 * control is wanted.</li>
 * <li>The grant comes from {@code 0x21} datagrams, the reply and any that follow [guess]: status 0 is granted (a
 * 32-bit payload, if any, the time limit in ms); {@code 0x0033} waiting behind another client and {@code 0x0032}
 * taken away, numbered as WebView's events (asked again while control is wanted); any other status is a refusal.</li>
 * <li>Absolute moves are {@code 0x33} status {@code 0x00E0} with pan, tilt and zoom as signed 16-bit hundredths;
 * relative moves and axes left out are computed from the known position. Continuous moves are {@code 0x3C}
 * (direction bits) and {@code 0x3D} (zoom), no byte to stop. A reply status {@code 0x0301} means no control,
 * {@code 0x0403} out of range; other statuses are taken as success, as the ROS driver does [guess]. Back-light is
 * not on this port.</li>
 * <li>{@link #release()} stops continuous moves, gives control back ({@code 0x21}, status {@code 0x0000}) and
 * closes the connection.</li>
 * </ul>
 * The port reports no limits: {@code controlLimits} gives them. Position updates ({@code 0x33}) may come at any time.
 */
final class NativeControlClient extends AbstractControlClient {

    /** How long the camera may take to reply to one datagram. */
    static final long REPLY_MILLIS = 3_000;
    /** {@code 0x21} status: waiting behind another client [guess, as WebView's event 33]. */
    static final int WAITING = 0x0033;
    /** {@code 0x21} status: control taken away [guess, as WebView's event 32]. */
    static final int TAKEN_AWAY = 0x0032;
    /** Reply status of a command sent without control [guess, as WebView's 301]. */
    static final int NO_CONTROL = 0x0301;
    /** Reply status of a move outside the limits [guess, as WebView's 403]. */
    static final int OUT_OF_RANGE = 0x0403;
    /** Matches a reply of any command (login datagrams). */
    private static final int ANY = -1;

    private final Bootstrap bootstrap;
    private final ReconnectBackoff backoff;
    private final Outage outage;
    private final Outage commandOutage = new Outage("sending commands over the control port");
    private final String address;

    // confined to the event loop
    private Channel channel;
    private boolean connecting;
    /** Control granted on the current connection. */
    private boolean holding;
    private boolean releasing;
    private boolean panTiltMoving;
    private boolean zooming;
    private Pending pending;
    private ScheduledFuture<?> controlAnswer;
    private String closeReason;
    private ScheduledFuture<?> reconnectTask;
    private ScheduledFuture<?> probeTask;

    NativeControlClient(ControlSettings settings, EventLoop loop) {
        super(settings, loop, settings.limits);
        this.backoff = new ReconnectBackoff(settings.reconnectDelay, settings.reconnectMaxDelay,
                settings.reconnectJitter);
        this.address = settings.address(settings.controlPort);
        this.outage = new Outage("the native control port (" + address + ")");
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(settings.host, settings.controlPort)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new ControlDatagramDecoder(), ControlDatagramEncoder.INSTANCE,
                                new Replies());
                    }
                });
    }

    @Override
    protected void onStart() {
        probe();
    }

    /** Reads the position over a short connection, unless one is open or control is wanted; again in a while. */
    private void probe() {
        probeTask = null;
        if (!running) {
            return;
        }
        if (!wanted && !releasing) {
            connect(true);
        }
        probeTask = schedule(this::probe, settings.infoRefreshMillis);
    }

    // ---- acquiring ----

    @Override
    protected void onAcquire() {
        if (releasing) {
            return; // the release under way connects again when it is done
        }
        if (channel != null && !holding) {
            askForControl(channel);
        } else {
            connect(false);
        }
    }

    /**
     * Connects, logs in and reads the position; then asks for control while it is wanted, or closes again after a
     * {@code probe}.
     */
    private void connect(boolean probe) {
        cancel(reconnectTask);
        reconnectTask = null;
        if (channel != null || connecting || !running || !wanted && !probe) {
            return;
        }
        connecting = true;
        if (wanted && grant.state() != State.REQUESTED) {
            setGrant(State.REQUESTED, 0, "connecting to the control port");
        }
        ChannelFuture connected = bootstrap.connect();
        connected.addListener((ChannelFuture attempt) -> {
            connecting = false;
            Channel opened = attempt.channel();
            if (!attempt.isSuccess()) {
                lost(ConnectionFailures.describe(attempt.cause()));
                return;
            }
            if (!running || !wanted && !probe) {
                opened.close();
                return;
            }
            channel = opened;
            closeReason = null;
            opened.closeFuture().addListener(closed -> disconnected(opened));
            log.debug("Camera '{}': connected to the control port {}", camera, address);
            logIn(opened);
        });
    }

    /** Login datagrams one reply each, the position, then control. */
    private void logIn(Channel opened) {
        CompletableFuture<ControlDatagram> loggedIn = CompletableFuture.completedFuture(null);
        for (ControlDatagram datagram : settings.login) {
            loggedIn = loggedIn.thenCompose(reply -> request(opened, datagram, ANY, false));
        }
        whenDone(loggedIn, (reply, failure) -> {
            if (opened != channel) {
                return;
            }
            if (failure != null) {
                drop(opened, "the login was not answered: " + message(failure));
                return;
            }
            ControlDatagram query = ControlDatagram.of(ControlDatagram.POSITION, ControlDatagram.QUERY);
            whenDone(request(opened, query, ControlDatagram.POSITION, false), (position, unanswered) -> {
                if (opened != channel) {
                    return;
                }
                if (unanswered != null) {
                    // go on without: absolute moves of all three axes work, the rest waits for a position update
                    log.debug("Camera '{}': no position from the control port: {}", camera, message(unanswered));
                }
                outage.recovered();
                backoff.reset();
                setAvailable(true);
                if (wanted) {
                    askForControl(opened);
                } else {
                    detach().close(); // a probe: the position is read, the port is the camera's
                }
            });
        });
    }

    /** Sends the take-control datagram; its answer, like any later word on control, is a {@code 0x21} datagram. */
    private void askForControl(Channel opened) {
        if (!wanted || releasing || opened != channel) {
            return;
        }
        if (grant.state() != State.REQUESTED) {
            setGrant(State.REQUESTED, 0, grant.reason());
        }
        cancel(controlAnswer);
        controlAnswer = schedule(() -> {
            controlAnswer = null;
            if (opened == channel && !holding) {
                drop(opened, "taking control was not answered within " + seconds(REPLY_MILLIS) + " s");
            }
        }, REPLY_MILLIS);
        opened.writeAndFlush(ControlDatagram.of(ControlDatagram.CONTROL, ControlDatagram.TAKE));
    }

    /** What a {@code 0x21} datagram that answers no request of ours says about control. */
    private void controlStatus(ControlDatagram datagram) {
        cancel(controlAnswer);
        controlAnswer = null;
        int status = datagram.status();
        if (!wanted || releasing) {
            return; // words on a control the relay gave up, e.g. the confirmation of giving it back
        }
        long millis = datagram.payload().length >= 4 ? ((datagram.payload()[0] & 0xFFL) << 24
                | (datagram.payload()[1] & 0xFFL) << 16 | (datagram.payload()[2] & 0xFFL) << 8
                | datagram.payload()[3] & 0xFFL) : 0;
        if (status == 0) {
            boolean already = holding && grant.granted();
            holding = true;
            if (!already) {
                log.info("Camera '{}': control taken over the control port {}{}", camera, address,
                        millis > 0 ? " for " + seconds(millis) + " s" : "");
                setGrant(State.GRANTED, millis, null);
            }
        } else if (status == WAITING) {
            holding = false;
            if (grant.state() != State.WAITING) {
                log.info("Camera '{}': another client of the camera has control; the relay waits{}", camera,
                        millis > 0 ? ", about " + seconds(millis) + " s" : "");
            }
            setGrant(State.WAITING, millis, "another client of the camera has control");
        } else if (status == TAKEN_AWAY) {
            log.info("Camera '{}': the camera took control away; asking again", camera);
            takenAway("the camera took control away (its time limit ran out, or another client took it)");
        } else {
            holding = false;
            mailbox.countRefusal();
            String message = String.format("camera '%s' refused control (control port status 0x%04X)", camera,
                    status);
            log.warn("Camera '{}': the camera refused control (control port status 0x{})", camera,
                    String.format("%04X", status));
            wanted = false;
            setGrant(CameraGrant.of(State.REFUSED, 0, message), refused(message));
            giveBackAndClose();
        }
    }

    /** Control is gone (status 0x0032, or a command answered 0x0301): report it and ask again while wanted. */
    private void takenAway(String reason) {
        holding = false;
        setGrant(CameraGrant.of(State.REVOKED, 0, reason), refused("camera '" + camera + "' took control away from"
                                                                    + " the relay: " + reason));
        setGrant(State.REQUESTED, 0, reason + "; asked again");
        askForControl(channel);
    }

    /** Closes a connection that does not work; the close reconnects while control is wanted. */
    private void drop(Channel opened, String reason) {
        closeReason = reason;
        opened.close();
    }

    private void disconnected(Channel closed) {
        if (closed != channel) {
            return;
        }
        detach();
        lost(closeReason != null ? closeReason : "the camera closed the connection");
    }

    /** The connection is gone or could not be made: reconnect with backoff while control is wanted. */
    private void lost(String reason) {
        setAvailable(false);
        if (!running || releasing) {
            log.debug("Camera '{}': control port connection ended: {}", camera, reason);
            return;
        }
        outage.failed(reason);
        if (!wanted) {
            return; // a probe failed: the next one tries again
        }
        long delay = backoff.nextDelay();
        String message = "camera '" + camera + "' cannot be reached on its control port: " + reason;
        setGrant(CameraGrant.of(State.REFUSED, 0, message + "; trying again in " + seconds(delay) + " s"),
                unavailable(message));
        reconnectTask = schedule(() -> connect(false), delay);
    }

    /** Forgets the current connection (so that its closing is not taken for a loss) and returns it. */
    private Channel detach() {
        Channel detached = channel;
        channel = null;
        holding = false;
        panTiltMoving = false;
        zooming = false;
        cancel(controlAnswer);
        controlAnswer = null;
        if (pending != null) {
            Pending failed = pending;
            pending = null;
            cancel(failed.timeout);
            failed.reply.completeExceptionally(unavailable("the control port connection of camera '" + camera
                                                           + "' closed"));
        }
        return detached;
    }

    // ---- giving control back ----

    @Override
    protected void onRelease(CameraGrant previous) {
        giveBackAndClose();
    }

    @Override
    protected void onStop(CameraGrant previous) {
        cancel(probeTask);
        probeTask = null;
        giveBackAndClose();
    }

    /** Stops continuous moves, gives control back and closes the connection, once the command in flight is done. */
    private void giveBackAndClose() {
        cancel(reconnectTask);
        reconnectTask = null;
        if (channel == null || releasing) {
            return; // a connection still opening closes itself, as control is not wanted
        }
        releasing = true;
        mailbox.whenIdle(() -> {
            Channel opened = channel;
            CompletableFuture<ControlDatagram> steps = CompletableFuture.completedFuture(null);
            if (opened != null && pending == null) {
                if (holding && panTiltMoving) {
                    steps = steps.thenCompose(reply -> request(opened,
                            ControlDatagram.panTilt(PtzCommand.PanTilt.STOP), ControlDatagram.PAN_TILT, false));
                }
                if (holding && zooming) {
                    steps = steps.thenCompose(reply -> request(opened, ControlDatagram.zoom(PtzCommand.Zoom.STOP),
                            ControlDatagram.ZOOM, false));
                }
                steps = steps.thenCompose(reply -> request(opened, ControlDatagram.of(ControlDatagram.CONTROL,
                        ControlDatagram.GIVE_BACK), ControlDatagram.CONTROL, false));
            }
            whenDone(steps, (reply, failure) -> {
                if (failure != null) {
                    log.warn("Camera '{}': giving control back over the control port failed: {}", camera,
                            message(failure));
                }
                releasing = false;
                if (opened != null && opened == channel) {
                    detach().close();
                }
                if (failure != null) {
                    setAvailable(false);
                }
                if (wanted && running) {
                    connect(false); // acquired again meanwhile
                }
            });
        });
    }

    // ---- commands ----

    @Override
    protected String unsupported(PtzCommand command) {
        if (command instanceof PtzCommand.BackLight) {
            return "camera '" + camera + "' is steered over its native control port, which has no back-light"
                   + " control (control=webview has)";
        }
        return null;
    }

    @Override
    protected boolean ready() {
        return grant.granted() && channel != null && holding && !releasing;
    }

    @Override
    protected CompletableFuture<PtzState> send(Queued command) {
        Channel opened = channel;
        if (opened == null) {
            return CompletableFuture.failedFuture(unavailable("camera '" + camera + "' is not connected"));
        }
        ControlDatagram datagram;
        PtzPosition target = null;
        if (command instanceof Queued.AxisMove move) {
            boolean complete = move.pan() != null && move.tilt() != null && move.zoom() != null;
            if (position == null && (move.anyRelative() || !complete)) {
                return CompletableFuture.failedFuture(unavailable("the position of camera '" + camera + "' is not"
                        + " known yet, and its control port moves all axes at once; give pan, tilt and zoom"));
            }
            target = move.target(position);
            datagram = ControlDatagram.moveTo(target);
        } else {
            PtzCommand plain = ((Queued.Plain) command).command();
            if (plain instanceof PtzCommand.PanTiltMove panTilt) {
                datagram = ControlDatagram.panTilt(panTilt.direction());
            } else if (plain instanceof PtzCommand.ZoomMove zoom) {
                datagram = ControlDatagram.zoom(zoom.direction());
            } else {
                return CompletableFuture.failedFuture(unavailable(unsupported(plain)));
            }
        }
        PtzPosition moved = target;
        CompletableFuture<PtzState> result = new CompletableFuture<>();
        whenDone(request(opened, datagram, datagram.command(), moved != null), (answer, failure) -> {
            if (failure != null) {
                commandOutage.failed(command + ": " + message(failure));
                result.completeExceptionally(failure instanceof PtzException e ? e
                        : unavailable("camera '" + camera + "' did not answer: " + message(failure)));
                return;
            }
            if (answer.status() == NO_CONTROL) {
                log.info("Camera '{}': the camera answered {} with status 0x0301: it no longer gives the relay"
                         + " control", camera, command);
                if (opened == channel && wanted && grant.granted()) {
                    takenAway("the camera answered a command with status 0x0301 (no control)");
                }
                result.completeExceptionally(refused("camera '" + camera + "' no longer gives the relay control"
                                                     + " (control port status 0x0301)"));
                return;
            }
            if (answer.status() == OUT_OF_RANGE) {
                log.info("Camera '{}': the camera refused {} as out of its range", camera, command);
                result.completeExceptionally(new PtzException(PtzException.Reason.OUT_OF_RANGE, "camera '" + camera
                        + "' refused the move as out of its range (control port status 0x0403); check controlLimits"));
                return;
            }
            commandOutage.recovered();
            if (moved != null) {
                // the camera reports where it comes to rest; until then, relative moves build on the target
                setPosition(new PtzPosition(moved.pan(), moved.tilt(), moved.zoom(),
                        position != null && position.backLight()));
            }
            if (datagram.command() == ControlDatagram.PAN_TILT) {
                panTiltMoving = datagram.payload().length > 0;
            } else if (datagram.command() == ControlDatagram.ZOOM) {
                zooming = datagram.payload().length > 0;
            }
            result.complete(state());
        });
        return result;
    }

    // ---- requests and replies ----

    /**
     * Sends a datagram and completes with the next one carrying {@code reply} as its command ({@link #ANY}: any). One
     * request at a time; other datagrams in between are handled as they come.
     *
     * @param moveAck whether the reply acknowledges an absolute move (its payload is the target, not a position)
     */
    private CompletableFuture<ControlDatagram> request(Channel opened, ControlDatagram datagram, int reply,
                                                       boolean moveAck) {
        CompletableFuture<ControlDatagram> answer = new CompletableFuture<>();
        if (opened != channel || !opened.isActive()) {
            answer.completeExceptionally(unavailable("the control port connection of camera '" + camera
                                                     + "' closed"));
            return answer;
        }
        if (pending != null) {
            answer.completeExceptionally(new IllegalStateException("a request is already waiting for its reply"));
            return answer;
        }
        Pending waiting = new Pending(reply, moveAck, answer);
        pending = waiting;
        waiting.timeout = schedule(() -> {
            if (pending == waiting) {
                pending = null;
                answer.completeExceptionally(unavailable(String.format("camera '%s' did not reply to command 0x%02X"
                        + " within %s s", camera, datagram.command(), seconds(REPLY_MILLIS))));
            }
        }, REPLY_MILLIS);
        opened.writeAndFlush(datagram).addListener(written -> {
            if (!written.isSuccess() && pending == waiting) {
                pending = null;
                cancel(waiting.timeout);
                answer.completeExceptionally(unavailable("camera '" + camera + "': cannot send to the control port: "
                                                         + ConnectionFailures.describe(written.cause())));
            }
        });
        return answer;
    }

    private void received(Channel from, ControlDatagram datagram) {
        if (from != channel) {
            return;
        }
        Pending waiting = pending;
        boolean answers = waiting != null && (waiting.command == ANY || waiting.command == datagram.command());
        if (answers) {
            pending = null;
            cancel(waiting.timeout);
            if (datagram.command() == ControlDatagram.POSITION && !waiting.moveAck) {
                setPosition(datagram.position(position != null && position.backLight()));
            }
            waiting.reply.complete(datagram);
        } else if (datagram.command() == ControlDatagram.CONTROL) {
            controlStatus(datagram);
        } else if (datagram.command() == ControlDatagram.POSITION) {
            setPosition(datagram.position(position != null && position.backLight()));
        } else {
            log.debug("Camera '{}': unsolicited {} from the control port", camera, datagram);
        }
    }

    private static String message(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** The request waiting for its reply. */
    private static final class Pending {

        final int command;
        final boolean moveAck;
        final CompletableFuture<ControlDatagram> reply;
        ScheduledFuture<?> timeout;

        Pending(int command, boolean moveAck, CompletableFuture<ControlDatagram> reply) {
            this.command = command;
            this.moveAck = moveAck;
            this.reply = reply;
        }
    }

    /** The end of each connection's pipeline: datagrams and the reason it closed, to the client. */
    private final class Replies extends SimpleChannelInboundHandler<ControlDatagram> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ControlDatagram datagram) {
            received(ctx.channel(), datagram);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel() == channel) {
                closeReason = ConnectionFailures.describe(cause);
            }
            ctx.close();
        }
    }
}
