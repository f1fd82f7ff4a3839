/**
 * Consistent logical backups of the database and their restore onto an empty data directory. Key
 * tables are never part of a database backup: crypto-shredding must reach backups.
 */
@ApplicationModule(displayName = "backup", allowedDependencies = { "protection", "shared" })
@NullMarked
package nl.haven.backup;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
