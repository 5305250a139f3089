package org.camrelay.app.operations.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import org.camrelay.app.operations.security.ApiAuthenticator.ApiUser;
import org.camrelay.app.operations.security.ApiAuthenticator.AuthenticationException;
import org.camrelay.app.operations.security.ApiAuthenticator.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP Basic checks against a real users file with real PBKDF2 hashes. */
class ApiAuthenticatorTest {

    private static final String PASSWORD = "alice's long password";

    @TempDir
    Path folder;
    private UsersFile users;
    private final AtomicLong now = new AtomicLong(1_000);
    private ApiAuthenticator authenticator;

    @BeforeEach
    void createUsers() throws Exception {
        users = new UsersFile(folder.resolve("users.properties"));
        users.put("alice", PASSWORD.toCharArray(), List.of("control"));
        authenticator = new ApiAuthenticator(users, 60_000, 1, 1, now::get);
    }

    @AfterEach
    void close() {
        authenticator.close();
    }

    @Test
    void aUserIsCheckedOnceAndThenRememberedForAWhile() {
        ApiUser first = authenticator.authenticate(basic("alice", PASSWORD)).join();
        ApiUser second = authenticator.authenticate(basic("alice", PASSWORD)).join();

        assertThat(first).isEqualTo(new ApiUser("alice", List.of("control"))).isEqualTo(second);
        assertThat(authenticator.passwordChecks()).isOne();
        assertThat(authenticator.cacheHits()).isOne();

        now.addAndGet(60_000);
        authenticator.authenticate(basic("alice", PASSWORD)).join();
        assertThat(authenticator.passwordChecks()).as("remembered no longer than the cache time").isEqualTo(2);
    }

    @Test
    void aWrongPasswordIsNeverRemembered() {
        authenticator.authenticate(basic("alice", PASSWORD)).join();

        assertThat(failure(authenticator.authenticate(basic("alice", "guess")))).isEqualTo(Failure.WRONG);
        assertThat(failure(authenticator.authenticate(basic("alice", "guess")))).isEqualTo(Failure.WRONG);
        assertThat(failure(authenticator.authenticate(basic("mallory", PASSWORD)))).isEqualTo(Failure.WRONG);

        assertThat(authenticator.passwordChecks()).as("an unknown user costs a check too").isEqualTo(4);
        assertThat(authenticator.refusedWrong()).isEqualTo(3);
    }

    @Test
    void aChangedUsersFileTakesEffectAtTheNextRequest() throws Exception {
        authenticator.authenticate(basic("alice", PASSWORD)).join();

        users.put("alice", "a new long password".toCharArray(), List.of("viewer"));

        assertThat(failure(authenticator.authenticate(basic("alice", PASSWORD)))).isEqualTo(Failure.WRONG);
        assertThat(authenticator.authenticate(basic("alice", "a new long password")).join().roles())
                .containsExactly("viewer");
    }

    @Test
    void theCacheIsKeyedWithoutThePassword() {
        authenticator.authenticate(basic("alice", PASSWORD)).join();

        assertThat(authenticator.cached()).isOne();
        assertThat(authenticator.toString()).doesNotContain(PASSWORD);
        // the key is an HMAC under a key of this instance: another instance does not know the credentials
        try (ApiAuthenticator other = new ApiAuthenticator(users, 60_000, 1, 1, now::get)) {
            other.authenticate(basic("alice", PASSWORD)).join();
            assertThat(other.passwordChecks()).isOne();
        }
    }

    @Test
    void aBurstWithTheSameCredentialsSharesOneCheck() {
        // a user interface clicking fast right after the remembered check expired: one check for them all, not one
        // running, one waiting and the rest refused as busy
        List<CompletableFuture<ApiUser>> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(authenticator.authenticate(basic("alice", PASSWORD)));
        }

        assertThat(burst).allSatisfy(answer -> assertThat(answer.join().name()).isEqualTo("alice"));
        assertThat(authenticator.passwordChecks()).isOne();
        assertThat(authenticator.refusedBusy()).isZero();
        // a wrong password does not ride on a right one: its own key, its own check
        assertThat(failure(authenticator.authenticate(basic("alice", "guess")))).isEqualTo(Failure.WRONG);
    }

    @Test
    void checksBeyondTheBoundAreRefusedAtOnceAsBusy() {
        // one check runs (about 0.2 s of PBKDF2), one waits; the other eight are refused without a check
        List<CompletableFuture<ApiUser>> attempts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            attempts.add(authenticator.authenticate(basic("alice", "wrong " + i)));
        }

        List<CompletableFuture<ApiUser>> refusedAtOnce = attempts.stream().filter(CompletableFuture::isDone).toList();
        assertThat(refusedAtOnce).hasSize(8).allSatisfy(f -> assertThat(failure(f)).isEqualTo(Failure.BUSY));
        assertThat(attempts.stream().map(ApiAuthenticatorTest::failure)).containsOnly(Failure.BUSY, Failure.WRONG);
        assertThat(authenticator.passwordChecks()).isEqualTo(2);
        assertThat(authenticator.refusedBusy()).isEqualTo(8);
    }

    @Test
    void missingOrMalformedCredentialsAreRefusedWithoutACheck() {
        assertThat(failure(authenticator.authenticate(null))).isEqualTo(Failure.MISSING);
        assertThat(failure(authenticator.authenticate("Bearer abc"))).isEqualTo(Failure.MISSING);
        assertThat(failure(authenticator.authenticate("Basic %%%"))).isEqualTo(Failure.WRONG);
        assertThat(failure(authenticator.authenticate("Basic " + Base64.getEncoder().encodeToString(
                "no-colon".getBytes(StandardCharsets.UTF_8))))).isEqualTo(Failure.WRONG);
        assertThat(authenticator.passwordChecks()).isZero();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Failure failure(CompletableFuture<ApiUser> attempt) {
        try {
            attempt.join();
            throw new AssertionError("expected a refusal");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(AuthenticationException.class);
            return ((AuthenticationException) e.getCause()).failure();
        }
    }
}
