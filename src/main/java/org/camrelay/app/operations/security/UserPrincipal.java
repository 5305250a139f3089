package org.camrelay.app.operations.security;

import java.security.Principal;

/** A user who logged in from the users file. */
public record UserPrincipal(String name) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}
