package org.camrelay.app.operations.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks HTTP Basic credentials of the API against the {@link UsersFile}.
 * <p>
 * A PBKDF2 check costs about 0.2 s of CPU by design, so:
 * <ul>
 * <li>a successful check is remembered for {@code cacheMillis}, keyed by an HMAC of the name and password under a
 * random key of this process (the password itself is never kept); the cache is emptied when the users file changes
 * (its modification time, size or identity), so that a changed password or role takes effect at the next request;</li>
 * <li>requests that carry the same credentials while their check runs share it: a burst of commands from one user
 * when the remembered check has just expired costs one check, not one each;</li>
 * <li>checks run on at most {@code maxConcurrent} threads of their own, with at most {@code maxWaiting} waiting; more
 * are refused at once as {@link Failure#BUSY}, so failed logins cannot take the CPU from the video, and no HTTP thread
 * waits for a check.</li>
 * </ul>
 * An unknown user costs as much as a wrong password, so that the time taken does not tell which names exist.
 */
public final class ApiAuthenticator implements AutoCloseable {

    /** A user whose credentials were checked, with their roles from the users file. */
    public record ApiUser(String name, List<String> roles) {
        public ApiUser {
            roles = List.copyOf(roles);
        }
    }

    /** Why no user came out of a check. */
    public enum Failure {
        /** No credentials, or not HTTP Basic ones: HTTP 401. */
        MISSING,
        /** A wrong name or password: HTTP 401. */
        WRONG,
        /** Too many checks at once: HTTP 503, try again shortly. */
        BUSY
    }

    /** A check that gave no user. The message is fit for the caller and names no secret. */
    public static final class AuthenticationException extends RuntimeException {
        private final Failure failure;

        public AuthenticationException(Failure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    private record FileVersion(long modifiedNanos, long size, Object key) {
        static final FileVersion MISSING = new FileVersion(-1, -1, null);
    }

    private record Entry(ApiUser user, long expiresAt, FileVersion version) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApiAuthenticator.class);
    private static final String SCHEME = "Basic ";
    /** Entries kept at most; beyond, expired ones go, and if none had, all. */
    private static final int MAX_ENTRIES = 1024;

    private final UsersFile users;
    private final long cacheMillis;
    private final LongSupplier clock;
    private final ThreadPoolExecutor checks;
    private final SecretKeySpec cacheKey;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    /** Checks running, by cache key: later requests with the same credentials wait for the same one. */
    private final Map<String, CompletableFuture<ApiUser>> running = new ConcurrentHashMap<>();
    private volatile FileVersion cachedVersion = FileVersion.MISSING;
    private final AtomicLong passwordChecks = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong refusedBusy = new AtomicLong();
    private final AtomicLong refusedWrong = new AtomicLong();

    /**
     * @param users         the users file, read when a check needs it (so users added later can log in)
     * @param cacheMillis   how long a successful check is remembered; 0 remembers none
     * @param maxConcurrent checks running at once at most
     * @param maxWaiting    checks waiting for a thread at most
     */
    public ApiAuthenticator(UsersFile users, long cacheMillis, int maxConcurrent, int maxWaiting) {
        this(users, cacheMillis, maxConcurrent, maxWaiting, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    ApiAuthenticator(UsersFile users, long cacheMillis, int maxConcurrent, int maxWaiting, LongSupplier clock) {
        if (cacheMillis < 0 || maxConcurrent <= 0 || maxWaiting < 0) {
            throw new IllegalArgumentException("cache time must not be negative, checks at once must be positive,"
                    + " checks waiting must not be negative");
        }
        this.users = Objects.requireNonNull(users, "users");
        this.cacheMillis = cacheMillis;
        this.clock = clock;
        AtomicInteger threadNumber = new AtomicInteger();
        this.checks = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 30, TimeUnit.SECONDS,
                maxWaiting == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(maxWaiting),
                task -> {
                    Thread thread = new Thread(task, "camrelay-password-check-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.checks.allowCoreThreadTimeOut(true);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * Checks the value of an {@code Authorization} header.
     *
     * @return the user; fails with an {@link AuthenticationException}. Completes at once for missing or malformed
     *         credentials and for remembered ones, otherwise on a check thread.
     */
    public CompletableFuture<ApiUser> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return CompletableFuture.failedFuture(new AuthenticationException(Failure.MISSING,
                    "HTTP Basic credentials are required"));
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new AuthenticationException(Failure.WRONG,
                    "malformed HTTP Basic credentials"));
        }
        String credentials = new String(decoded, StandardCharsets.UTF_8);
        String key = cacheKey(decoded);
        Arrays.fill(decoded, (byte) 0);
        int colon = credentials.indexOf(':');
        if (colon <= 0) {
            return CompletableFuture.failedFuture(new AuthenticationException(Failure.WRONG,
                    "malformed HTTP Basic credentials"));
        }
        String name = credentials.substring(0, colon);
        char[] password = credentials.substring(colon + 1).toCharArray();

        FileVersion version = currentVersion();
        Entry entry = cache.get(key);
        if (entry != null && entry.version().equals(version) && clock.getAsLong() < entry.expiresAt()) {
            Arrays.fill(password, '\0');
            cacheHits.incrementAndGet();
            return CompletableFuture.completedFuture(entry.user());
        }
        CompletableFuture<ApiUser> result = new CompletableFuture<>();
        CompletableFuture<ApiUser> shared = running.putIfAbsent(key, result);
        if (shared != null) {
            Arrays.fill(password, '\0');
            return shared.thenApply(user -> user); // a copy: a caller completing it cannot disturb the others
        }
        char[] secret = password;
        try {
            checks.execute(() -> {
                ApiUser user = null;
                RuntimeException failure = null;
                try {
                    user = check(name, secret, key, version);
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    Arrays.fill(secret, '\0');
                    // before completing: a caller the answer wakes must find no check to share
                    running.remove(key, result);
                }
                if (failure == null) {
                    result.complete(user);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException e) {
            Arrays.fill(secret, '\0');
            running.remove(key, result);
            refusedBusy.incrementAndGet();
            result.completeExceptionally(new AuthenticationException(Failure.BUSY,
                    "too many logins at once; try again in a moment"));
        }
        return result.thenApply(user -> user);
    }

    private ApiUser check(String name, char[] password, String key, FileVersion version) {
        Optional<UsersFile.User> user;
        try {
            user = users.exists() ? users.find(name) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot read the users file {}: {}", users.path(), e.toString());
            user = Optional.empty();
        }
        passwordChecks.incrementAndGet();
        boolean matches = PasswordHash.matches(password, user.map(UsersFile.User::hash).orElse(UnknownUser.HASH));
        if (!matches || user.isEmpty()) {
            refusedWrong.incrementAndGet();
            LOG.info("API login refused for user '{}'", UsersFileLoginModule.sanitized(name));
            throw new AuthenticationException(Failure.WRONG, "wrong user name or password");
        }
        ApiUser checked = new ApiUser(user.get().name(), user.get().roles());
        if (cacheMillis > 0) {
            if (cache.size() >= MAX_ENTRIES) {
                long now = clock.getAsLong();
                cache.values().removeIf(e -> now >= e.expiresAt());
                if (cache.size() >= MAX_ENTRIES) {
                    cache.clear();
                }
            }
            cache.put(key, new Entry(checked, clock.getAsLong() + cacheMillis, version));
        }
        return checked;
    }

    /** The users file's version now; a change empties the cache. */
    private FileVersion currentVersion() {
        FileVersion version;
        try {
            BasicFileAttributes attributes = Files.readAttributes(users.path(), BasicFileAttributes.class);
            version = new FileVersion(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size(),
                    attributes.fileKey());
        } catch (NoSuchFileException e) {
            version = FileVersion.MISSING;
        } catch (IOException e) {
            version = FileVersion.MISSING;
        }
        if (!version.equals(cachedVersion)) {
            cachedVersion = version;
            cache.clear();
        }
        return version;
    }

    private String cacheKey(byte[] credentials) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            return Base64.getEncoder().encodeToString(mac.doFinal(credentials));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    /** PBKDF2 checks run (cache misses that reached a check thread). */
    public long passwordChecks() {
        return passwordChecks.get();
    }

    /** Requests whose credentials were remembered. */
    public long cacheHits() {
        return cacheHits.get();
    }

    /** Checks refused because too many ran or waited. */
    public long refusedBusy() {
        return refusedBusy.get();
    }

    /** Checks that found a wrong name or password. */
    public long refusedWrong() {
        return refusedWrong.get();
    }

    /** Credentials remembered now. */
    public int cached() {
        return cache.size();
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }

    /** A hash to check against for names that do not exist, made once, on first use. */
    private static final class UnknownUser {
        static final String HASH = PasswordHash.hash(PasswordHash.randomPassword());
    }
}
