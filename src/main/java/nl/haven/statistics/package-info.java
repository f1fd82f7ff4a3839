/**
 * Aggregates over non-sensitive dimensions, disclosure control, forecasts, charts, exports and the policy what-if.
 * It listens to the cases' profile events and keeps counts only; {@code identity} tells it who asks (coordinators
 * and analysts of one organisation).
 */
@ApplicationModule(displayName = "statistics", allowedDependencies = { "cases", "policy", "identity", "web", "shared" })
@NullMarked
package nl.haven.statistics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
