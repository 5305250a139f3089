package org.camrelay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;

import joptsimple.BuiltinHelpFormatter;
import joptsimple.OptionDescriptor;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import joptsimple.ValueConversionException;
import joptsimple.ValueConverter;
import joptsimple.util.PathConverter;

/**
 * A benchmark's command line, on jopt-simple: each option declared in one line with its meaning, type and default,
 * so that {@code --help} lists them and a mistake is said with the option's name, above that list. A benchmark
 * declares its options and reads their values in one method ({@code Options read(CommandLine)}), and runs through
 * {@link #run}. Names are whole words ({@code --viewers 200} or {@code --viewers=200}); a shortened or unknown name is
 * a mistake.
 */
public final class CommandLine {

    /** A benchmark with its options read: an exit status out. */
    public interface Body<T> {
        int run(T options) throws Exception;
    }

    /** Thrown by {@link #parse()} when {@code --help} is given, for {@link #run} to list the options. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("--help", null, false, false);
        }
    }

    private final String command;
    private final String[] args;
    private final OptionParser parser = new OptionParser(false);
    private final OptionSpec<Void> help;

    /** The command line of {@code bench COMMAND}, with its arguments. */
    public CommandLine(String command, String... args) {
        this.command = command;
        this.args = args.clone();
        this.help = parser.accepts("help", "list the options and exit").forHelp();
        parser.formatHelpWith(new BuiltinHelpFormatter(120, 2) {
            @Override
            protected String extractTypeIndicator(OptionDescriptor descriptor) {
                return null; // "<N>", not "<Integer: N>": the description says what it is
            }
        });
    }

    /**
     * Reads {@code args} with {@code read} and runs {@code body} on what it read. {@code --help} lists the options on
     * {@code out} (status 0); a mistake is said on {@code err}, with the list (status 2).
     */
    public static <T> int run(String command, String[] args, PrintStream out, PrintStream err,
            Function<CommandLine, T> read, Body<T> body) throws Exception {
        CommandLine commandLine = new CommandLine(command, args);
        T options;
        try {
            options = read.apply(commandLine);
        } catch (HelpRequested e) {
            commandLine.printHelp(out);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("bench " + command + ": " + e.getMessage());
            commandLine.printHelp(err);
            return 2;
        }
        return body.run(options);
    }

    /** A whole number above 0. */
    public OptionSpec<Integer> positive(String name, String description, int byDefault) {
        return parser.accepts(name, description).withRequiredArg().withValuesConvertedBy(WholeNumber.POSITIVE)
                .describedAs("N").defaultsTo(byDefault);
    }

    /** A whole number from 0, where 0 turns a part of the benchmark off. */
    public OptionSpec<Integer> positiveOrZero(String name, String description, int byDefault) {
        return parser.accepts(name, description).withRequiredArg().withValuesConvertedBy(WholeNumber.POSITIVE_OR_ZERO)
                .describedAs("N").defaultsTo(byDefault);
    }

    /** Whole numbers above 0, separated by commas: {@code --steps 1000,2000}. */
    public OptionSpec<Integer> positives(String name, String description, Integer first, Integer... more) {
        return parser.accepts(name, description).withRequiredArg().withValuesSeparatedBy(',')
                .withValuesConvertedBy(WholeNumber.POSITIVE).describedAs("N,N,...").defaultsTo(first, more);
    }

    /** A whole number above 0 without a default: {@code has} says whether it was given. */
    public OptionSpec<Long> positiveLong(String name, String description) {
        return parser.accepts(name, description).withRequiredArg().withValuesConvertedBy(WholeNumber.POSITIVE_LONG)
                .describedAs("N");
    }

    public OptionSpec<String> text(String name, String description, String byDefault) {
        return parser.accepts(name, description).withRequiredArg().describedAs("TEXT").defaultsTo(byDefault);
    }

    /** Options for a JVM, none by default: {@link #words} splits them. */
    public OptionSpec<String> javaOptions(String name, String description) {
        return parser.accepts(name, description).withRequiredArg().describedAs("TEXT");
    }

    /** Text that must be given. */
    public OptionSpec<String> required(String name, String description, String pattern) {
        return parser.accepts(name, description).withRequiredArg().describedAs(pattern).required();
    }

    public OptionSpec<Path> path(String name, String description, Path byDefault) {
        return parser.accepts(name, description).withRequiredArg().withValuesConvertedBy(new PathConverter())
                .describedAs("PATH").defaultsTo(byDefault);
    }

    /** An option without a value. */
    public OptionSpec<Void> flag(String name, String description) {
        return parser.accepts(name, description);
    }

    /**
     * The arguments, checked against the options declared so far: a {@link HelpRequested} if {@code --help} is among
     * them, an {@link IllegalArgumentException} that names the option for a mistake.
     */
    public OptionSet parse() {
        OptionSet options;
        try {
            options = parser.parse(args);
            // jopt-simple converts values when they are read: read each now, so that a wrong one is said here.
            options.specs().forEach(options::valuesOf);
        } catch (OptionException e) {
            throw new IllegalArgumentException(message(e), e);
        }
        if (options.has(help)) {
            throw new HelpRequested();
        }
        if (!options.nonOptionArguments().isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + options.nonOptionArguments().get(0) + "'");
        }
        return options;
    }

    /** jopt-simple's own message for a mistake, or for a value that is not what its option takes, ours. */
    private static String message(OptionException e) {
        if (e.getCause() instanceof ValueConversionException && !e.options().isEmpty()) {
            return "--" + e.options().iterator().next() + " " + e.getCause().getMessage();
        }
        return e.getMessage();
    }

    void printHelp(PrintStream out) {
        out.println("usage: java -jar target/camrelay-bench.jar " + command + " [options]");
        try {
            parser.printHelpOn(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Options for a JVM, split on spaces: {@code "-Xmx2g -XX:StartFlightRecording=filename=relay.jfr"}; none for
     * null.
     */
    public static List<String> words(String value) {
        String trimmed = value == null ? "" : value.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /** A whole number from {@code min} to {@code max}; its message completes "--NAME ". */
    private record WholeNumber<T extends Number>(long min, long max, Class<T> valueType, LongFunction<T> box)
            implements ValueConverter<T> {

        static final WholeNumber<Integer> POSITIVE = new WholeNumber<>(1, Integer.MAX_VALUE, Integer.class, n -> (int) n);
        static final WholeNumber<Integer> POSITIVE_OR_ZERO = new WholeNumber<>(0, Integer.MAX_VALUE, Integer.class,
                n -> (int) n);
        static final WholeNumber<Long> POSITIVE_LONG = new WholeNumber<>(1, Long.MAX_VALUE, Long.class, n -> n);

        @Override
        public T convert(String value) {
            try {
                long number = Long.parseLong(value.trim());
                if (number >= min && number <= max) {
                    return box.apply(number);
                }
            } catch (NumberFormatException e) {
                // Said below.
            }
            throw new ValueConversionException((min > 0 ? "must be a positive whole number" : "must be 0 or more")
                    + ", not '" + value + "'");
        }

        @Override
        public String valuePattern() {
            return null;
        }
    }
}
