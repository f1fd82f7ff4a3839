/**
 * The application's start (Spring Boot and the command line share it), the data directory and the start-up durability check; the modules are the sub-packages.
 */
@NullMarked
package nl.haven;

import org.jspecify.annotations.NullMarked;
