/**
 * The statistics module's inside: the counts kept per case profile, their tables, charts, the PDF report and the statistics pages and API.
 */
@NullMarked
package nl.haven.statistics.internal;

import org.jspecify.annotations.NullMarked;
