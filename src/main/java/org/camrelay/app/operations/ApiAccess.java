package org.camrelay.app.operations;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.util.json.JsonObject;
import org.camrelay.app.operations.security.ApiAuthenticator;
import org.camrelay.app.operations.security.ApiAuthenticator.ApiUser;
import org.camrelay.app.operations.security.ApiAuthenticator.AuthenticationException;

/**
 * HTTP Basic authentication of the API's callers with the users file, and JSON answers. The caller's
 * {@code Authorization} header is taken off the message as soon as it is read, so that no route or answer carries it
 * on.
 */
final class ApiAccess {

    static final String REALM = "camrelay";
    private static final String USER_PROPERTY = "camrelay.apiUser";

    private final ApiAuthenticator authenticator;

    ApiAccess(ApiAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The credentials the request carries, removed from it; null without any. */
    static String takeCredentials(Exchange exchange) {
        String authorization = exchange.getIn().getHeader("Authorization", String.class);
        exchange.getIn().removeHeader("Authorization");
        return authorization;
    }

    /** Checks credentials; fails with an {@link AuthenticationException}. */
    CompletableFuture<ApiUser> authenticate(String authorization) {
        return authenticator.authenticate(authorization);
    }

    /**
     * A page that anyone may read and that shows more to a user who logged in: without credentials it runs as is;
     * with them it runs once they are checked ({@link #user(Exchange)}), and wrong ones get 401.
     */
    AsyncProcessor optional(Processor page) {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                String authorization = takeCredentials(exchange);
                if (authorization == null) {
                    return runSync(page, exchange, callback);
                }
                CompletableFuture<ApiUser> checked = authenticate(authorization);
                if (checked.isDone()) {
                    proceed(checked, page, exchange);
                    callback.done(true);
                    return true;
                }
                checked.whenComplete((user, failure) -> {
                    proceed(checked, page, exchange);
                    callback.done(false);
                });
                return false;
            }
        };
    }

    private static void proceed(CompletableFuture<ApiUser> checked, Processor page, Exchange exchange) {
        try {
            exchange.setProperty(USER_PROPERTY, checked.join());
        } catch (CompletionException e) {
            refuse(exchange, e.getCause());
            return;
        }
        try {
            page.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
    }

    private static boolean runSync(Processor page, Exchange exchange, AsyncCallback callback) {
        try {
            page.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    /** The user whose credentials {@link #optional(Processor)} checked, if any. */
    static Optional<ApiUser> user(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(USER_PROPERTY, ApiUser.class));
    }

    /** Answers a failed check: 401 with a challenge, or 503 when too many checks run. */
    static void refuse(Exchange exchange, Throwable failure) {
        if (failure instanceof AuthenticationException refused
                && refused.failure() == ApiAuthenticator.Failure.BUSY) {
            exchange.getMessage().setHeader("Retry-After", "1");
            json(exchange, 503, error(refused.getMessage()));
            return;
        }
        exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        json(exchange, 401, error(failure instanceof AuthenticationException ? failure.getMessage()
                : "HTTP Basic credentials are required"));
    }

    static JsonObject error(String message) {
        JsonObject json = new JsonObject();
        json.put("error", message);
        return json;
    }

    /** Answers with JSON. (A Cache-Control header would be of no use: camel-http filters it out of answers.) */
    static void json(Exchange exchange, int status, JsonObject body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toJson());
    }
}
