/**
 * The public, account-less intake form, codenames and the requester's follow-up thread.
 *
 * <p>Besides {@code cases} and {@code protection} (ARCHITECTURE.md) it uses {@code identity} to find the organisation a
 * form belongs to ({@code OrganisationDirectory.bySlug}) and {@code audit}, because {@code RequesterCases.open}
 * leaves the audit event to its caller: the intake records it in the same transaction as the case.
 */
@ApplicationModule(displayName = "intake", allowedDependencies = { "cases", "protection", "identity", "audit", "web", "shared" })
@NullMarked
package nl.haven.intake;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
