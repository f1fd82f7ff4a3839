/**
 * Keys, field encryption, blind indexes and crypto-shredding.
 */
@ApplicationModule(displayName = "protection", allowedDependencies = { "shared" })
@NullMarked
package nl.haven.protection;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
