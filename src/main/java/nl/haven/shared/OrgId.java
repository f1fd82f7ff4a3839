package nl.haven.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies an organisation (a tenant). */
public record OrgId(UUID value) {
    public OrgId {
        Objects.requireNonNull(value, "value");
    }

    public static OrgId random() {
        return new OrgId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
