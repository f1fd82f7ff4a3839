/**
 * The cases module's web adapters: staff pages, the JSON API, case documents, decision support, the task queue and the calendar feed.
 */
@NullMarked
package nl.haven.cases.web;

import org.jspecify.annotations.NullMarked;
