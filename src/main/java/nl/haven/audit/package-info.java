/**
 * The append-only, hash-chained audit log and its verifier.
 */
@ApplicationModule(displayName = "audit", allowedDependencies = { "shared" })
@NullMarked
package nl.haven.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
