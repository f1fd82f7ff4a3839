/**
 * The public, account-less intake form, codenames and the requester's follow-up thread.
 */
@ApplicationModule(displayName = "intake", allowedDependencies = { "cases", "protection", "shared" })
@NullMarked
package nl.haven.intake;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
