package org.camrelay.app.operations.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JAAS login module checking a name and password against a {@link UsersFile} (option {@value #FILE_OPTION});
 * a user who logs in gets a {@link UserPrincipal} and a {@link RolePrincipal} per role.
 */
public class UsersFileLoginModule implements LoginModule {

    public static final String FILE_OPTION = "file";
    private static final Logger LOG = LoggerFactory.getLogger(UsersFileLoginModule.class);
    /** Checked against for an unknown user, so that the time taken does not tell which names exist. */
    private static final String UNKNOWN_USER_HASH = PasswordHash.hash(PasswordHash.randomPassword());

    private Subject subject;
    private CallbackHandler callbacks;
    private UsersFile users;
    private List<Principal> principals = List.of();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.users = new UsersFile(Path.of((String) options.get(FILE_OPTION)));
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user: ");
        PasswordCallback password = new PasswordCallback("password: ", false);
        try {
            callbacks.handle(new Callback[] { name, password });
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot ask for a name and password: " + e);
        }
        char[] secret = password.getPassword();
        try {
            Optional<UsersFile.User> user = name.getName() == null || secret == null ? Optional.empty()
                    : users.find(name.getName());
            String hash = user.map(UsersFile.User::hash).orElse(UNKNOWN_USER_HASH);
            if (!PasswordHash.matches(secret == null ? new char[0] : secret, hash) || user.isEmpty()) {
                LOG.info("Console login refused for user '{}'", sanitized(name.getName()));
                throw new FailedLoginException("wrong user name or password");
            }
            List<Principal> granted = new ArrayList<>();
            granted.add(new UserPrincipal(user.get().name()));
            user.get().roles().forEach(role -> granted.add(new RolePrincipal(role)));
            principals = granted;
            return true;
        } catch (IOException e) {
            throw new LoginException("cannot read the users file " + users.path() + ": " + e.getMessage());
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
            password.clearPassword();
        }
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(principals);
        return !principals.isEmpty();
    }

    @Override
    public boolean abort() {
        principals = List.of();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals = List.of();
        return true;
    }

    /** A user name as typed, safe to log: no line breaks, not too long. */
    static String sanitized(String name) {
        if (name == null) {
            return "";
        }
        String flat = name.replaceAll("[^\\x20-\\x7e]", "?");
        return flat.length() > 64 ? flat.substring(0, 64) + "..." : flat;
    }
}
