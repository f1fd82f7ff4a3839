/**
 * The policy module's web adapters and wiring: the policy explorer, the public change log and feed, the JSON API, and the policy versions kept in the database.
 */
@NullMarked
package nl.haven.policy.web;

import org.jspecify.annotations.NullMarked;
