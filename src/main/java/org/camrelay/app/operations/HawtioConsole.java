package org.camrelay.app.operations;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.spi.PropertiesComponent;
import org.camrelay.app.operations.security.ConsoleRealm;
import org.camrelay.app.operations.security.InitialAdmin;
import org.camrelay.app.operations.security.RolePrincipal;
import org.camrelay.app.operations.security.UsersFile;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hawtio 4 war as a web application at {@value #PATH} on the relay's own port, with its Jolokia at
 * {@code /hawtio/jolokia}. Hawtio reads its settings from system properties, so they are JVM-wide.
 */
final class HawtioConsole {

    static final String PATH = "/hawtio";
    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);

    private HawtioConsole() {
    }

    /**
     * The console's handler, for camel-jetty's {@code handlers} option: wrapped in a collection, because a bare
     * web application is a {@code Handler.Wrapper} that camel-jetty would put in front of the Camel routes.
     */
    static Handler create(PropertiesComponent properties) throws IOException {
        boolean authentication = Boolean.parseBoolean(property(properties, "camrelay.hawtio.authentication", "true"));
        System.setProperty("hawtio.authenticationEnabled", Boolean.toString(authentication));
        // Hawtio's proxy would let any user make the relay connect to any address.
        System.setProperty("hawtio.disableProxy", "true");
        if (authentication) {
            UsersFile users = new UsersFile(Path.of(property(properties, "camrelay.users.file",
                    "config/users.properties")));
            InitialAdmin.createIfMissing(users);
            ConsoleRealm.install(users.path());
            System.setProperty("hawtio.realm", ConsoleRealm.NAME);
            System.setProperty("hawtio.roles", property(properties, "camrelay.hawtio.roles", InitialAdmin.ROLE));
            System.setProperty("hawtio.rolePrincipalClasses", RolePrincipal.class.getName());
        } else {
            LOG.warn("Hawtio authentication is off: anyone who reaches {} can operate this relay", PATH);
        }
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(PATH);
        webapp.setWar(war(properties).toString());
        webapp.setThrowUnavailableOnStartupException(true);
        return new ContextHandlerCollection(webapp);
    }

    /** {@code camrelay.hawtio.war}, by default {@code lib/hawtio.war} beside the jar (or target/classes). */
    private static Path war(PropertiesComponent properties) throws IOException {
        Path war = properties.resolveProperty("camrelay.hawtio.war").map(String::trim).map(Path::of)
                .orElseGet(HawtioConsole::bundledWar);
        if (!Files.isRegularFile(war)) {
            throw new IOException("Hawtio war " + war.toAbsolutePath() + " not found: build with Maven, set"
                    + " camrelay.hawtio.war, or set camrelay.hawtio.enabled = false");
        }
        return war;
    }

    private static Path bundledWar() {
        try {
            Path code = Path.of(HawtioConsole.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("lib").resolve("hawtio.war");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String property(PropertiesComponent properties, String key, String fallback) {
        return properties.resolveProperty(key).map(String::trim).orElse(fallback);
    }
}
