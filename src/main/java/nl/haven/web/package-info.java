/**
 * The shared web frame: layout, i18n, error pages, security headers, problem+json.
 */
@ApplicationModule(displayName = "web", allowedDependencies = { "shared" })
@NullMarked
package nl.haven.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
