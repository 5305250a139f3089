package org.camrelay.component.vbc10.control;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * What a relay user may do with a camera's pan, tilt and zoom. A user with a higher role may take control over from
 * one with a lower role; {@link #ADMIN} implies {@link #CONTROL}.
 */
public enum ControlRole {

    /** Role {@code control}: may ask for control, wait in the queue and steer in turn. */
    CONTROL,

    /** Role {@code admin}: all of {@link #CONTROL}, and may take control over from a {@code control} user. */
    ADMIN;

    /** The role's name in the users file and in headers: {@code control} or {@code admin}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a user of this role may take control over from one of {@code other}. */
    public boolean outranks(ControlRole other) {
        return compareTo(other) > 0;
    }

    /**
     * The highest control role among a user's roles (as the users file names them), if any.
     */
    public static Optional<ControlRole> highestOf(Collection<String> roles) {
        ControlRole highest = null;
        for (String role : roles) {
            for (ControlRole candidate : values()) {
                if (candidate.value().equalsIgnoreCase(role.trim()) && (highest == null || candidate.outranks(highest))) {
                    highest = candidate;
                }
            }
        }
        return Optional.ofNullable(highest);
    }

    /**
     * Parses {@code control} or {@code admin}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ControlRole parse(String text) {
        for (ControlRole role : values()) {
            if (role.value().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("control role must be control or admin, was '" + text + "'");
    }
}
