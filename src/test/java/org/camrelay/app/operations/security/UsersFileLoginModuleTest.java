package org.camrelay.app.operations.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileLoginModuleTest {

    @TempDir
    Path folder;
    Path file;

    @BeforeEach
    void users() throws Exception {
        file = folder.resolve("users.properties");
        new UsersFile(file).put("alice", "alice's long password".toCharArray(), List.of("admin", "viewer"));
        ConsoleRealm.install(file);
    }

    @Test
    void theFileHoldsASaltedHashNotThePassword() throws Exception {
        assertThat(Files.readString(file)).contains("alice = pbkdf2-sha512:210000:").doesNotContain("long password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theRightPasswordGivesTheUserAndItsRoles() throws Exception {
        Subject subject = login("alice", "alice's long password");
        assertThat(subject.getPrincipals()).containsExactlyInAnyOrder(new UserPrincipal("alice"),
                new RolePrincipal("admin"), new RolePrincipal("viewer"));
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        assertThatThrownBy(() -> login("alice", "guess")).isInstanceOf(FailedLoginException.class);
        assertThatThrownBy(() -> login("mallory", "alice's long password")).isInstanceOf(FailedLoginException.class);
    }

    @Test
    void theFirstStartCreatesAnAdminWithARandomPasswordInAPrivateFile() throws Exception {
        UsersFile users = new UsersFile(folder.resolve("fresh/users.properties"));
        InitialAdmin.createIfMissing(users);
        Path passwordFile = folder.resolve("fresh/admin.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        ConsoleRealm.install(users.path());
        assertThat(login("admin", Files.readString(passwordFile).trim()).getPrincipals())
                .contains(new RolePrincipal("admin"));
    }

    private static Subject login(String user, String password) throws Exception {
        LoginContext login = new LoginContext(ConsoleRealm.NAME, new Subject(), callbacks -> {
            ((NameCallback) callbacks[0]).setName(user);
            ((PasswordCallback) callbacks[1]).setPassword(password.toCharArray());
        });
        login.login();
        return login.getSubject();
    }
}
