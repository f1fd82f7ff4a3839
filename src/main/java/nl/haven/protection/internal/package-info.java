/**
 * The protection module's inside: the key files, the key ring and the Tink primitives behind field encryption.
 */
@NullMarked
package nl.haven.protection.internal;

import org.jspecify.annotations.NullMarked;
