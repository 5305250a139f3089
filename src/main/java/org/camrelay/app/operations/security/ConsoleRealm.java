package org.camrelay.app.operations.security;

import java.nio.file.Path;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * The JAAS realm {@value #NAME}: {@link UsersFileLoginModule} on a users file. Installed as the JVM's JAAS
 * configuration in code, so no JAAS file or {@code java.security.auth.login.config} is needed; any other
 * realm is still answered by the configuration found before.
 */
public final class ConsoleRealm extends Configuration {

    public static final String NAME = "camrelay";

    private final Configuration others;
    private final AppConfigurationEntry[] entries;

    private ConsoleRealm(Configuration others, Path usersFile) {
        this.others = others;
        this.entries = new AppConfigurationEntry[] { new AppConfigurationEntry(UsersFileLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of(UsersFileLoginModule.FILE_OPTION, usersFile.toAbsolutePath().toString())) };
    }

    /** Makes {@value #NAME} check logins against the users file; a later call replaces the file. */
    public static synchronized void install(Path usersFile) {
        Configuration current = null;
        try {
            current = Configuration.getConfiguration();
        } catch (SecurityException e) {
            // no JAAS configuration yet: the realm is the only one
        }
        Configuration others = current instanceof ConsoleRealm realm ? realm.others : current;
        Configuration.setConfiguration(new ConsoleRealm(others, usersFile));
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (NAME.equals(name)) {
            return entries.clone();
        }
        return others == null ? null : others.getAppConfigurationEntry(name);
    }
}
