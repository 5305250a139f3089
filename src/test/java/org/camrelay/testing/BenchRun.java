package org.camrelay.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camrelay.bench.Bench;
import org.camrelay.bench.CommandLine;

/**
 * A benchmark run from its command line in this JVM, for the benchmarks' tests: its exit status and what it printed.
 *
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
public record BenchRun(int status, String out, String err) {

    /** Runs {@code command} with {@code args}. */
    public static BenchRun of(Bench.Command command, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new BenchRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A benchmark's options as {@code read} reads them from {@code args}. */
    public static <T> T options(Function<CommandLine, T> read, String... args) {
        return read.apply(new CommandLine("test", args));
    }

    public List<String> lines() {
        return Arrays.asList(out.split("\n"));
    }

    /** The {@code key: value} lines of standard output. */
    public Map<String, String> figures() {
        Map<String, String> figures = new HashMap<>();
        out.lines().map(line -> line.split(": ", 2)).filter(keyValue -> keyValue.length == 2)
                .forEach(keyValue -> figures.put(keyValue[0], keyValue[1]));
        return figures;
    }

    /** The first line of standard output that starts with {@code prefix}, split on white space. */
    public List<String> row(String prefix) {
        return Arrays.asList(lines().stream().filter(line -> line.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out))
                .split("\\s+"));
    }

    /** Everything it printed, for an assertion's description. */
    @Override
    public String toString() {
        return "status " + status + "\n" + out + err;
    }
}
