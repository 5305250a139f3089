package org.camrelay.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.camrelay.bench.heap.IdleViewerHeap;
import org.camrelay.bench.jmh.JmhCommand;

/**
 * {@code java -jar target/camrelay-bench.jar NAME [options]}: runs one benchmark and prints its figures;
 * {@code NAME --help} lists its options ({@link CommandLine}). The benchmarks are a jar of their own beside
 * {@code camrelay.jar}, never part of it.
 */
public final class Bench {

    /** A benchmark's entry point: its arguments in, its figures on {@code out}, an exit status out. */
    public interface Command {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new TreeMap<>(Map.of(
            "cameras", CamerasPerNode::run,
            "fanout", FanoutBench::run,
            "idle-viewer-heap", IdleViewerHeap::run,
            "jmh", JmhCommand::run,
            "load", LoadGenerator::run,
            "peer", PeerBench::run,
            "socket-floor", SocketFloor::run,
            "transcode-soak", TranscodeSoak::run,
            "transcode-vs-ffmpeg", TranscodeVsFfmpeg::run));

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    public static int run(String[] args) throws Exception {
        Command command = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (command == null) {
            boolean help = args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"));
            (help ? System.out : System.err).println("usage: java -jar target/camrelay-bench.jar {"
                    + String.join("|", COMMANDS.keySet()) + "} [options]; NAME --help lists a benchmark's options"
                    + " (jmh: -h)");
            return help ? 0 : 2;
        }
        return command.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
    }
}
