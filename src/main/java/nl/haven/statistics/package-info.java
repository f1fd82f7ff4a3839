/**
 * Aggregates over non-sensitive dimensions, disclosure control, forecasts and charts.
 */
@ApplicationModule(displayName = "statistics", allowedDependencies = { "cases", "policy", "shared" })
@NullMarked
package nl.haven.statistics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
