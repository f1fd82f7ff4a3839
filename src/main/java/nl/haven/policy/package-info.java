/**
 * Dutch asylum policy for LGBTIQ+ claims as dated, sourced data: loader, validator, evaluation as of a date. The core imports no Spring;
 * only its web adapter ({@code policy.web}) uses the {@code web} module, for problem documents. Like every module it may
 * use the shared kernel ({@code shared}: the language registry).
 */
@ApplicationModule(displayName = "policy", allowedDependencies = { "web", "shared" })
@NullMarked
package nl.haven.policy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
