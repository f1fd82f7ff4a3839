package nl.haven.protection;

import nl.haven.shared.OrgId;

/**
 * On a sealed installation (ADR 0006 step 11), an organisation whose keys have not been made yet: they are made for its
 * first key holder (its recovery key at set-up, or its first coordinator), and until then nothing can be sealed to it — an
 * intake is refused (503: the organisation's set-up is unfinished) rather than stored under a key nobody could open.
 */
public class KeysNotMadeException extends ProtectionException {
    private static final long serialVersionUID = 1L;

    private final transient OrgId org;

    public KeysNotMadeException(OrgId org) {
        super("organisation " + org.value() + " has no keys yet: they are made for its first key holder (its recovery key or first coordinator)");
        this.org = org;
    }

    public OrgId org() {
        return org;
    }
}
