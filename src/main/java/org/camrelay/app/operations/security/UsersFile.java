package org.camrelay.app.operations.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The console's users, one a line: {@code name = HASH,role[,role...]}, the hash made by {@link PasswordHash}.
 * Read at each login, so users added while the relay runs can log in at once.
 */
public final class UsersFile {

    /** A user's hash and roles. */
    public record User(String name, String hash, List<String> roles) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final String HEADER = """
            # camrelay users: name = password hash,role[,role...]
            # Roles: admin (the console; camera control, may take it over), control (camera control through the API)
            # Add or change a user with
            #   java -cp target/camrelay.jar org.camrelay.app.operations.security.UsersCommand NAME ROLE[,ROLE...]
            # Never put a plain password here.
            """;

    private final Path file;

    public UsersFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    public Optional<User> find(String name) throws IOException {
        Properties users = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            users.load(in);
        }
        String entry = users.getProperty(name);
        if (entry == null) {
            return Optional.empty();
        }
        List<String> fields = Arrays.stream(entry.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return fields.isEmpty() ? Optional.empty()
                : Optional.of(new User(name, fields.get(0), fields.subList(1, fields.size())));
    }

    /** Adds the user, or replaces the line of a user of that name; creates the file, readable by its owner only. */
    public void put(String name, char[] password, List<String> roles) throws IOException {
        if (!NAME.matcher(name).matches() || roles.isEmpty()
                || !roles.stream().allMatch(role -> NAME.matcher(role).matches())) {
            throw new IllegalArgumentException("user and role names are letters, digits, '.', '_', '@' or '-';"
                    + " at least one role");
        }
        String line = name + " = " + PasswordHash.hash(password) + "," + String.join(",", roles);
        List<String> lines = exists() ? Files.readAllLines(file, StandardCharsets.UTF_8)
                : HEADER.lines().toList();
        List<String> others = lines.stream().filter(l -> !l.matches("\\s*" + Pattern.quote(name) + "\\s*[=:].*"))
                .toList();
        if (!exists()) {
            createPrivate(file);
        }
        Files.write(file, Stream.concat(others.stream(), Stream.of(line)).toList(), StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Creates an empty file only its owner can read, where the file system knows POSIX permissions. */
    static void createPrivate(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }
}
