/**
 * A tiny kernel every module may use: typed ids, the bad-input exception. No Spring beans.
 */
@ApplicationModule(displayName = "shared", type = ApplicationModule.Type.OPEN)
@NullMarked
package nl.haven.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
