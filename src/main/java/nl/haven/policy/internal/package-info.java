/**
 * The policy module's inside: reading the YAML data set (DataSetReader, ProcedureReader, YamlMap) and its vocabulary.
 */
@NullMarked
package nl.haven.policy.internal;

import org.jspecify.annotations.NullMarked;
