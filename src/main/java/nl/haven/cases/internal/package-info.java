/**
 * The cases module's inside: the case tables (SQL), the scope every look-up is limited to, and the deadline planner.
 */
@NullMarked
package nl.haven.cases.internal;

import org.jspecify.annotations.NullMarked;
