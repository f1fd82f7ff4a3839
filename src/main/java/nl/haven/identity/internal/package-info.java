/**
 * The identity module's inside: log-in (password, second factor, passkeys, API tokens), sessions, staff accounts, organisations and the pages that manage them.
 */
@NullMarked
package nl.haven.identity.internal;

import org.jspecify.annotations.NullMarked;
