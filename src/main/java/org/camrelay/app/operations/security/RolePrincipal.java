package org.camrelay.app.operations.security;

import java.security.Principal;

/** A role of a user who logged in; Hawtio is told this class through {@code hawtio.rolePrincipalClasses}. */
public record RolePrincipal(String name) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}
