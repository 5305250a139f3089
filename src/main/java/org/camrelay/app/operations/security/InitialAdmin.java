package org.camrelay.app.operations.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without a users file there is no one to log in, and a well-known default password would be a hole in
 * every installation; so the first start creates user {@value #USER} with a random password, written to a
 * file only the owner can read, whose location (never the password) is logged.
 */
public final class InitialAdmin {

    public static final String USER = "admin";
    public static final String ROLE = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);

    private InitialAdmin() {
    }

    /** Creates the users file with the initial admin unless it exists. */
    public static void createIfMissing(UsersFile users) throws IOException {
        if (users.exists()) {
            return;
        }
        Path passwordFile = users.path().resolveSibling(USER + ".password");
        char[] password = PasswordHash.randomPassword();
        try {
            Files.deleteIfExists(passwordFile);
            UsersFile.createPrivate(passwordFile);
            Files.writeString(passwordFile, new String(password) + "\n", StandardCharsets.UTF_8);
            users.put(USER, password, List.of(ROLE));
        } finally {
            Arrays.fill(password, '\0');
        }
        LOG.warn("Created {} with console user '{}'; its password is in {}. Log in at /hawtio, then delete that"
                + " file; add users with org.camrelay.app.operations.security.UsersCommand (see README).",
                users.path().toAbsolutePath(), USER, passwordFile.toAbsolutePath());
    }
}
