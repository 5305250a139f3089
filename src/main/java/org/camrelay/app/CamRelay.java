package org.camrelay.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.apache.camel.main.Main;
import org.camrelay.app.operations.FrontRoutes;
import org.camrelay.app.operations.OperationsConfiguration;
import org.camrelay.simulator.SimulatorCommand;

/**
 * Entry point. {@code java -jar camrelay.jar} runs the relay with {@code config/application.properties}
 * and the routes in {@code routes/}; {@code java -jar camrelay.jar simulator ...} runs a simulated camera;
 * the benchmarks are a jar of their own ({@code java -jar camrelay-bench.jar NAME ...}, see BENCHMARKS.md).
 */
public final class CamRelay {

    /** Environment variable naming another configuration file than {@link #DEFAULT_CONFIG}. */
    public static final String CONFIG_ENV = "CAMRELAY_CONFIG";
    public static final String DEFAULT_CONFIG = "config/application.properties";

    private CamRelay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("simulator")) {
            System.exit(SimulatorCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Path config = Path.of(System.getenv().getOrDefault(CONFIG_ENV, DEFAULT_CONFIG));
        if (!Files.isRegularFile(config)) {
            System.err.println("camrelay: configuration " + config.toAbsolutePath() + " not found; run from the"
                    + " project folder or point " + CONFIG_ENV + " at the file");
            System.exit(2);
        }
        create(config, Map.of()).run(args);
    }

    /**
     * A relay reading the given configuration; {@code overrides} win over the file (tests use them for
     * free ports and a scratch routes folder).
     */
    public static Main create(Path config, Map<String, String> overrides) {
        // No classpath scanning: the relay wires its parts explicitly, below.
        Main main = new Main();
        // Secrets (camera credentials) live beside the configuration, in a file kept out of version control.
        Path secrets = config.toAbsolutePath().resolveSibling("secrets.properties");
        main.setDefaultPropertyPlaceholderLocation("file:" + config.toAbsolutePath() + ",file:" + secrets + ";optional=true");
        overrides.forEach(main::addOverrideProperty);
        main.configure().addConfiguration(RelayConfiguration.class);
        main.configure().addConfiguration(OperationsConfiguration.class);
        main.configure().addRoutesBuilder(new FrontRoutes());
        return main;
    }
}
