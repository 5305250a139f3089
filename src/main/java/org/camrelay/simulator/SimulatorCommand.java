package org.camrelay.simulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * {@code camrelay simulator ...}: runs a {@link CameraSimulator} until the JVM is told to stop.
 */
public final class SimulatorCommand {

    static final String PASSWORD_VARIABLE = "CAMRELAY_SIM_PASSWORD";
    static final String ADMIN_PASSWORD_VARIABLE = "CAMRELAY_SIM_ADMIN_PASSWORD";

    private static final String USAGE = """
            Usage: camrelay simulator [options]
            Runs a simulated Canon VB-C10 camera until stopped with Ctrl-C or SIGTERM.

              --native-port P   native video port (default 65310, 0 = any free port, -1 = off)
              --http-port Q     WebView HTTP port (default 65380, 0 = any free port, -1 = off)
              --control-port C  native control port (default: the port after the native video port,
                                65311; 0 = any free port, -1 = off)
              --fps N           frames per second, 1 to 60 (default 6)
              --size WxH        picture size, at most 1920x1080 (default 320x240)
              --bind HOST       address to listen on (default 127.0.0.1)
              --user U          an ordinary WebView user U; then every request needs Basic authorization
                                (see --allow-guests); the password is taken from the environment variable
                                %s, never from the command line
              --admin A         the administrator A (privileged: priority 5 to 50, no time limits); the
                                password is taken from the environment variable %s
              --allow-guests B  true or false: serve requests without authorization (default: true
                                unless --user is given)
              --restrict CMDS   WebView commands guests may not use, comma-separated, e.g. GetOneShot
                                (they get Livescope-Status 507)
              --limits L        control limits in hundredths of a degree: panLeft,panRight,tiltDown,
                                tiltUp,zoomTele,zoomWide (default the VB-C10's ends
                                -17000,17000,-9000,1000,300,4750)
              --control-time-limit S     seconds a general client may hold camera control (default 20,
                                         0 = no limit)
              --connection-time-limit S  the maximum connection time in seconds: general sessions end
                                         and guests' GetOneShot streams are cut (default 0 = none)
              --session-idle-timeout S   seconds a WebView session may make no request (default 30)
              --max-clients N   the most WebView sessions at a time (default 50)
              --boundary B      GetOneShot's multipart boundary: LivescopeImage (default, up to the
                                VB-C300) or boundary (VB-C60)
              --help            print this help
            """.formatted(PASSWORD_VARIABLE, ADMIN_PASSWORD_VARIABLE);

    private SimulatorCommand() {
    }

    /**
     * Runs the command; returns the process exit code: 0 after {@code --help}, 2 for a usage error,
     * 1 if the simulator cannot start. Otherwise blocks until the JVM shuts down, or until the calling
     * thread is interrupted.
     */
    public static int run(String[] args) {
        return run(args, System.out, System.err, System::getenv);
    }

    static int run(String[] args, PrintStream out, PrintStream err, UnaryOperator<String> environment) {
        CameraSimulator simulator;
        try {
            CameraSimulator.Builder builder = parse(args, environment);
            if (builder == null) {
                out.print(USAGE);
                return 0;
            }
            simulator = builder.build();
        } catch (IllegalArgumentException e) {
            err.println("camrelay simulator: " + e.getMessage() + " (see --help)");
            return 2;
        }
        try {
            simulator.start();
        } catch (UncheckedIOException e) {
            err.println("camrelay simulator: " + e.getMessage());
            simulator.close();
            return 1;
        }
        printAddresses(simulator, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "camsim-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // the caller stops the simulator while the JVM lives on
            Runtime.getRuntime().removeShutdownHook(shutdown);
            simulator.close();
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The configured builder, or null if help was asked for. */
    private static CameraSimulator.Builder parse(String[] args, UnaryOperator<String> environment) {
        CameraSimulator.Builder builder = CameraSimulator.builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(flag + ": needs a value");
            }
            String value = args[++i];
            try {
                apply(builder, flag, value, environment);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
            }
        }
        return builder;
    }

    private static void apply(CameraSimulator.Builder builder, String flag, String value, UnaryOperator<String> environment) {
        switch (flag) {
            case "--native-port" -> builder.nativePort(number(value));
            case "--http-port" -> builder.httpPort(number(value));
            case "--fps" -> builder.fps(number(value));
            case "--size" -> {
                FrameSize size = FrameSize.parse(value);
                builder.size(size.width(), size.height());
            }
            case "--bind" -> builder.bindHost(value);
            case "--user" -> builder.credentials(value, password(environment, PASSWORD_VARIABLE));
            case "--admin" -> builder.adminCredentials(value, password(environment, ADMIN_PASSWORD_VARIABLE));
            case "--control-port" -> builder.controlPort(number(value));
            case "--allow-guests" -> builder.allowGuests(bool(value));
            case "--restrict" -> builder.restrictForGuests(value.split(","));
            case "--limits" -> builder.controlLimits(HeadLimits.parse(value));
            case "--control-time-limit" -> builder.controlTimeLimit(seconds(value));
            case "--connection-time-limit" -> builder.connectionTimeLimit(seconds(value));
            case "--session-idle-timeout" -> builder.sessionIdleTimeout(seconds(value));
            case "--max-clients" -> builder.maxClients(number(value));
            case "--boundary" -> builder.multipartBoundary(value);
            default -> throw new IllegalArgumentException("unknown option");
        }
    }

    private static String password(UnaryOperator<String> environment, String variable) {
        String password = environment.apply(variable);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password must be in the environment variable " + variable);
        }
        return password;
    }

    private static boolean bool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("needs true or false, not '" + value + "'");
    }

    private static Duration seconds(String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds >= 0 && seconds <= Integer.MAX_VALUE) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("needs a number of seconds, not '" + value + "'");
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("needs a whole number, not '" + value + "'", e);
        }
    }

    private static void printAddresses(CameraSimulator simulator, PrintStream out) {
        String host = simulator.bindHost().contains(":") ? "[" + simulator.bindHost() + "]" : simulator.bindHost();
        if (simulator.nativePort() != CameraSimulator.DISABLED) {
            out.println("native video: tcp://" + host + ":" + simulator.nativePort());
        }
        if (simulator.httpPort() != CameraSimulator.DISABLED) {
            String base = "http://" + host + ":" + simulator.httpPort() + WebViewHandler.PATH_PREFIX;
            out.println("MJPEG stream: " + base + "GetOneShot?frame_count=no_limit");
            out.println("still image:  " + base + "GetOneShot");
        }
        if (simulator.controlPort() != CameraSimulator.DISABLED) {
            out.println("native control: tcp://" + host + ":" + simulator.controlPort());
        }
    }
}
