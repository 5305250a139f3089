package org.camrelay.bench.jmh;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code java -jar target/camrelay-bench.jar jmh [JMH options]}: runs the JMH benchmarks compiled into the jar (all of
 * them unless a pattern is given) with JMH's own command line ({@code -h} lists it; {@code -l} lists the benchmarks),
 * then prints each figure as a {@code key: value} line. The benchmarks' annotations size a run for a small machine (1
 * fork, 3 warm-up and 5 measured iterations of 1 s); options such as {@code -f}, {@code -wi}, {@code -i}, {@code -r},
 * {@code -p chunkBytes=8192} or {@code -prof gc} override them. Forks run the same jar, whose manifest brings the
 * libraries from {@code target/lib}. Heap per idle viewer is not a JMH benchmark but {@code bench idle-viewer-heap}:
 * it measures a whole relay's heap once per round, which JMH's per-iteration statistics do not fit.
 */
public final class JmhCommand {

    /** Secondary results printed in the summary, with their meaning: the rest are profilers' and JMH's own. */
    private static final List<Map.Entry<String, String>> COUNTERS = List.of(Map.entry("inputMB", "MB/s"),
            Map.entry("frames", "frames/s"));

    private JmhCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            err.println("bench jmh: " + e.getMessage() + " (-h lists JMH's options)");
            return 2;
        }
        Runner runner = new Runner(options, OutputFormatFactory.createFormatInstance(out,
                options.verbosity().orElse(VerboseMode.NORMAL)));
        try {
            if (options.shouldHelp()) {
                options.showHelp();
            } else if (options.shouldList()) {
                runner.list();
            } else if (options.shouldListWithParams()) {
                runner.listWithParams(options);
            } else if (options.shouldListProfilers()) {
                options.listProfilers();
            } else if (options.shouldListResultFormats()) {
                options.listResultFormats();
            } else {
                printSummary(runner.run(), out);
            }
            return 0;
        } catch (NoBenchmarksException e) {
            err.println("bench jmh: no benchmark matches; -l lists them");
            return 2;
        } catch (RunnerException e) {
            err.println("bench jmh: " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        } catch (java.io.IOException e) {
            err.println("bench jmh: " + e.getMessage());
            return 1;
        }
    }

    /**
     * One line per benchmark and parameter set: its counters with their meaning, or the primary score for a benchmark
     * without counters; each with its 99.9% error.
     */
    private static void printSummary(Collection<RunResult> results, PrintStream out) {
        out.println();
        out.println("bench jmh summary (score ± 99.9% confidence half-width):");
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            String parameters = params.getParamsKeys().stream().map(key -> key + "=" + params.getParam(key))
                    .collect(Collectors.joining(" "));
            List<String> figures = new ArrayList<>();
            for (Map.Entry<String, String> counter : COUNTERS) {
                Result<?> secondary = result.getSecondaryResults().get(counter.getKey());
                if (secondary != null) {
                    figures.add(format(secondary, counter.getValue()));
                }
            }
            if (figures.isEmpty()) {
                figures.add(format(result.getPrimaryResult(), result.getPrimaryResult().getScoreUnit()));
            }
            String line = name + (parameters.isEmpty() ? "" : " " + parameters) + ": " + String.join(", ", figures);
            out.println(line);
        }
    }

    private static String format(Result<?> result, String unit) {
        double error = result.getScoreError();
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%.1f %s", result.getScore(), unit)
                : String.format(Locale.ROOT, "%.1f ± %.1f %s", result.getScore(), error, unit);
    }
}
