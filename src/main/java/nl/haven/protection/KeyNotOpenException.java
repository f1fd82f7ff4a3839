package nl.haven.protection;

import nl.haven.shared.OrgId;

/**
 * A case key was asked for on a thread that does not hold its organisation's keys (ADR 0006 step 4, C.4): the request
 * or job was not given them — by a key holder's session, an API token's grant or a queued job's copy — so it gets none,
 * not even one this node unwrapped for someone else a moment ago. The message names the organisation only.
 */
public class KeyNotOpenException extends ProtectionException {
    private static final long serialVersionUID = 1L;

    private final transient OrgId org;

    public KeyNotOpenException(OrgId org) {
        super("the keys of organisation " + org.value() + " are not open on this thread: a key holder's session, token or job must open them");
        this.org = org;
    }

    public OrgId org() {
        return org;
    }
}
