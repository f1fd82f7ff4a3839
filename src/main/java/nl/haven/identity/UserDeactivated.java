package nl.haven.identity;

import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;

/**
 * A staff user was deactivated. Published synchronously inside the deactivating transaction: listeners destroy what
 * belongs to the user and must not outlive the account (e.g. the cases module's calendar feed secret), so that a later
 * reactivation does not bring an old secret back to life.
 */
public record UserDeactivated(OrgId org, UserId user) {
}
