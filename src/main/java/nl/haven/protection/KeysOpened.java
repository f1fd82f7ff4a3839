package nl.haven.protection;

import nl.haven.shared.OrgId;

/**
 * A key holder's request opened its organisation's keys on the current thread (a session's or an API token's; ADR 0006
 * C.9), published synchronously on that thread while it holds them, so that work waiting for a key holder may borrow
 * them ({@link Protection#lend}). Published for every such request: a listener must decide in memory whether it has
 * anything to do. Carries only the organisation's id.
 */
public record KeysOpened(OrgId org) {
}
