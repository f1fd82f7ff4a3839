/**
 * The routes module's web adapters: the questionnaire pages and the JSON API.
 */
@NullMarked
package nl.haven.routes.web;

import org.jspecify.annotations.NullMarked;
