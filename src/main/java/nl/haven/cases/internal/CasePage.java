package nl.haven.cases.internal;

import java.util.List;

/** One page of the queue and how many cases match in all. */
public record CasePage(List<CaseSummary> rows, long total) {
}
