package nl.haven.identity;

import java.util.List;

/**
 * The fictional demo organisations and users are in place ({@code ./haven serve --demo}): other modules add their own
 * demo data on it and may add lines to print (the listener runs synchronously, before the lines are printed).
 *
 * @param lines lines to print on the console after the demo log-ins; listeners may add to it
 */
public record DemoDataLoaded(List<String> lines) {
}
