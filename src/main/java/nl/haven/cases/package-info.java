/**
 * Cases, their workflow, deadlines, documents, messages, referrals, search and GDPR rights.
 */
@ApplicationModule(displayName = "cases", allowedDependencies = { "policy", "routes", "protection", "audit", "identity", "web", "shared" })
@NullMarked
package nl.haven.cases;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
