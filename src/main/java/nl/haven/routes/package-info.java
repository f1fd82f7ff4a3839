/**
 * Eligibility of migration routes (asylum, DAFT, highly skilled migrant, EU Blue Card, orientation year, partner).
 */
@ApplicationModule(displayName = "routes", allowedDependencies = { "policy", "web", "shared" })
@NullMarked
package nl.haven.routes;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
