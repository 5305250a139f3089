package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.util.URISupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.camrelay.simulator.CameraSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Camera credentials the way any Camel option takes a secret: property placeholders, {@code {{env:...}}}, vault
 * functions (here a properties function registered as a vault would register its own), and the {@code credentials}
 * shortcut over placeholders with a configurable prefix. The secrets reach the camera, and never the logs, the
 * sanitized endpoint URI or JMX, where Hawtio reads endpoint URIs.
 */
class Vbc10CredentialsTest {

    private static final String USER = "operator";
    /** Characters that an endpoint URI would otherwise take apart or decode. */
    private static final String PASSWORD = "pa55&wo+rd%20=x";

    /** Where Camel logs resolved placeholders, values included, at DEBUG. */
    private static final List<String> PLACEHOLDER_LOGGERS = List.of(
            "org.apache.camel.component.properties.DefaultPropertiesParser",
            "org.apache.camel.impl.engine.DefaultCamelContextExtension");

    private final CamelContext context = new DefaultCamelContext();
    private CameraSimulator simulator;

    @AfterEach
    void stop() {
        context.stop();
        if (simulator != null) {
            simulator.close();
        }
    }

    /** A stand-in for a vault: Camel's vault functions ({@code {{aws:...}}}, {@code {{hashicorp:...}}}) are these. */
    private static PropertiesFunction vault(Map<String, String> secrets) {
        return new PropertiesFunction() {
            @Override
            public String getName() {
                return "vault";
            }

            @Override
            public String apply(String remainder) {
                return secrets.get(remainder);
            }
        };
    }

    private Vbc10Configuration configuration(String uri) {
        return context.getEndpoint(uri, Vbc10Endpoint.class).getConfiguration();
    }

    @Test
    void takesUsernameAndPasswordFromPlaceholdersEnvironmentAndVaultFunctions() {
        Properties properties = new Properties();
        properties.setProperty("camera.username", USER);
        properties.setProperty("camera.password", PASSWORD);
        context.getPropertiesComponent().setInitialProperties(properties);
        context.getPropertiesComponent().addPropertiesFunction(vault(Map.of("cams/gate#password", PASSWORD)));

        Vbc10Configuration placeholders = configuration("vbc10:lobby?host=cam&transport=http"
                + "&username={{camera.username}}&password=RAW({{camera.password}})");
        Vbc10Configuration vault = configuration("vbc10:gate?host=cam&transport=http"
                + "&username={{camera.username}}&password=RAW({{vault:cams/gate#password}})");
        // The environment of any JVM on Linux has HOME; a user name may be any text without ':'.
        Vbc10Configuration environment = configuration("vbc10:yard?host=cam&transport=http&username={{env:HOME}}");

        assertThat(placeholders.getUsername()).isEqualTo(USER);
        assertThat(placeholders.getPassword()).isEqualTo(PASSWORD);
        assertThat(vault.getPassword()).isEqualTo(PASSWORD);
        assertThat(environment.getUsername()).isEqualTo(System.getenv("HOME"));
    }

    @Test
    void resolvesNamedCredentialsAsPlaceholdersUnderAConfigurablePrefix() {
        Properties properties = new Properties();
        properties.setProperty("camrelay.credentials.lobby.username", "relay-user");
        properties.setProperty("camrelay.credentials.lobby.password", "relay-password");
        // A value may itself be a placeholder or a function: a vault behind a name.
        properties.setProperty("cameras.gate.username", "{{camera.user}}");
        properties.setProperty("camera.user", USER);
        properties.setProperty("cameras.gate.password", "{{vault:cams/gate#password}}");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.getPropertiesComponent().addPropertiesFunction(vault(Map.of("cams/gate#password", PASSWORD)));

        Vbc10Configuration byDefault = configuration("vbc10:lobby?host=cam&transport=http&credentials=lobby");
        context.getComponent("vbc10", Vbc10Component.class).setCredentialsPrefix("cameras");
        Vbc10Configuration prefixed = configuration("vbc10:gate?host=cam&transport=http&credentials=gate");

        assertThat(byDefault.getUsername()).isEqualTo("relay-user");
        assertThat(byDefault.getPassword()).isEqualTo("relay-password");
        assertThat(prefixed.getUsername()).isEqualTo(USER);
        assertThat(prefixed.getPassword()).isEqualTo(PASSWORD);
        assertThatThrownBy(() -> context.getEndpoint("vbc10:yard?host=cam&transport=http&credentials=yard"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("credentials 'yard' have no username: set the property cameras.yard.username"
                                      + " or the environment variable CAMERAS_YARD_USERNAME");
        assertThatThrownBy(() -> context.getEndpoint("vbc10:yard?host=cam&transport=http&credentials=a}}b"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("credentials must name credentials with 1-64 letters");
    }

    /**
     * The real consumer with placeholder credentials against a simulator that requires them: frames arrive, and the
     * secrets appear in no log line of Camel or camrelay (DEBUG included), no sanitized URI and no JMX attribute.
     */
    @Test
    void pullsACameraWithPlaceholderCredentialsAndKeepsThemOutOfLogsUrisAndJmx() throws Exception {
        simulator = CameraSimulator.builder().name("credentials-test").bindHost("127.0.0.1")
                .nativePort(CameraSimulator.DISABLED).httpPort(0).fps(20).size(320, 240)
                .credentials(USER, PASSWORD).build();
        simulator.start();
        Properties properties = new Properties();
        properties.setProperty("camera.port", Integer.toString(simulator.httpPort()));
        properties.setProperty("camera.username", USER);
        properties.setProperty("camera.password", PASSWORD);
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("vbc10:yard?host=127.0.0.1&transport=http&httpPort={{camera.port}}&fps=20&control=none"
                     + "&username={{camera.username}}&password=RAW({{camera.password}})")
                        .routeId("yard").to("mock:frames");
            }
        });
        MockEndpoint frames = context.getEndpoint("mock:frames", MockEndpoint.class);
        frames.expectedMinimumMessageCount(3);

        List<LogLine> logged;
        try (CapturedLogs logs = new CapturedLogs("org.apache.camel", "org.camrelay")) {
            context.start();
            frames.assertIsSatisfied(10_000);
            context.getRouteController().stopRoute("yard");
            logged = logs.lines();
        }

        // Camel itself logs every placeholder it resolves, with its value, at DEBUG, whatever the component (Camel
        // 4.18: "Found property: ... with value: ...", "Resolved text: ... -> ..."): the one exception, documented in
        // the README (keep those two loggers at INFO). Nothing else, at any level, and nothing of camrelay's.
        List<LogLine> leaking = logged.stream()
                .filter(line -> line.message().contains("pa55") || line.message().contains(USER)).toList();
        assertThat(logged).as("what Camel and camrelay logged").hasSizeGreaterThan(10)
                .anyMatch(line -> line.logger().startsWith("org.camrelay.component.vbc10"));
        assertThat(leaking).as("lines with a secret").allMatch(line -> line.level() == Level.DEBUG
                && PLACEHOLDER_LOGGERS.contains(line.logger()));
        String uri = context.getRoute("yard").getEndpoint().getEndpointUri();
        assertThat(URISupport.sanitizeUri(uri)).contains("vbc10://yard").doesNotContain("pa55")
                .doesNotContain(USER);
        List<String> managed = managedEndpointUris();
        assertThat(managed).as("endpoint URIs in JMX").anyMatch(managedUri -> managedUri.startsWith("vbc10://yard"))
                .noneMatch(managedUri -> managedUri.contains("pa55") || managedUri.contains(USER));
    }

    /** Every EndpointUri attribute of this context's MBeans: endpoints, routes, consumers. */
    private List<String> managedEndpointUris() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> uris = new ArrayList<>();
        String name = context.getManagementName() != null ? context.getManagementName() : context.getName();
        for (ObjectName object : server.queryNames(new ObjectName("org.apache.camel:context=" + name + ",*"), null)) {
            if (server.getMBeanInfo(object).getAttributes().length == 0) {
                continue;
            }
            for (var attribute : server.getMBeanInfo(object).getAttributes()) {
                if (attribute.getName().equals("EndpointUri")) {
                    uris.add(String.valueOf(server.getAttribute(object, "EndpointUri")));
                }
            }
            uris.add(object.toString());
        }
        return uris;
    }

    private record LogLine(String logger, Level level, String message) {
    }

    /**
     * Everything the named loggers log at DEBUG and up while open, kept from the console: a check of what a log could
     * ever show, not only at the levels a test run prints.
     */
    private static final class CapturedLogs implements AutoCloseable {
        private final LoggerContext logging = LoggerContext.getContext(false);
        private final List<String> names;
        private final List<LogLine> lines = new CopyOnWriteArrayList<>();
        private final AbstractAppender appender;

        CapturedLogs(String... names) {
            this.names = List.of(names);
            appender = new AbstractAppender("credentials-capture", null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    lines.add(new LogLine(event.getLoggerName(), event.getLevel(),
                            event.getMessage().getFormattedMessage()
                            + (event.getThrown() == null ? "" : " " + event.getThrown())));
                }
            };
            appender.start();
            Configuration configuration = logging.getConfiguration();
            for (String name : this.names) {
                LoggerConfig logger = LoggerConfig.newBuilder().withLoggerName(name).withLevel(Level.DEBUG)
                        .withAdditivity(false).withConfig(configuration).build();
                logger.addAppender(appender, Level.DEBUG, null);
                configuration.removeLogger(name); // one configured in log4j2-test.properties would stay otherwise
                configuration.addLogger(name, logger);
            }
            logging.updateLoggers();
        }

        List<LogLine> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            // Back to the configured levels: reconfiguring drops the loggers added above.
            logging.reconfigure();
            appender.stop();
        }
    }
}
