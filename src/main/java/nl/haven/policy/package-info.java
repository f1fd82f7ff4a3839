/**
 * Dutch asylum policy for LGBTIQ+ claims as dated, sourced data: loader, validator, evaluation as of a date. The core imports no Spring.
 */
@ApplicationModule(displayName = "policy", allowedDependencies = {  })
@NullMarked
package nl.haven.policy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
