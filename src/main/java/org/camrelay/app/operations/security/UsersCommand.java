package org.camrelay.app.operations.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Adds a user or sets a user's password and roles:
 * {@code java -cp target/camrelay.jar org.camrelay.app.operations.security.UsersCommand NAME ROLE[,ROLE...] [FILE]}.
 * Roles: {@code admin} logs in to the console and controls cameras, taking control over from {@code control} users;
 * {@code control} steers cameras' pan, tilt and zoom through the API, one user at a time. The password is read from
 * the terminal without echo, or from the first line of standard input. The relay takes changes at the next request.
 */
public final class UsersCommand {

    private UsersCommand() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: UsersCommand NAME ROLE[,ROLE...] [USERS_FILE (default config/users.properties)]");
            System.err.println("roles: admin (the console, and camera control with take-over),"
                    + " control (camera pan/tilt/zoom through /api/cameras/NAME/ptz)");
            System.exit(2);
        }
        UsersFile users = new UsersFile(Path.of(args.length == 3 ? args[2] : "config/users.properties"));
        char[] password = readPassword(args[0]);
        if (password == null || password.length < 12) {
            System.err.println("a password of at least 12 characters is needed");
            System.exit(2);
        }
        try {
            users.put(args[0], password, List.of(args[1].split(",")));
        } finally {
            Arrays.fill(password, '\0');
        }
        System.out.println("user '" + args[0] + "' saved in " + users.path().toAbsolutePath());
    }

    private static char[] readPassword(String user) throws IOException {
        Console console = System.console();
        if (console != null) {
            return console.readPassword("password for %s: ", user);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
