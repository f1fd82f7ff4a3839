package nl.haven.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Callable;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.policy.PolicyChange;
import nl.haven.policy.PolicyDataException;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyFiles;
import nl.haven.shared.BadInputException;
import nl.haven.statistics.Statistics;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code haven policy impact --change FILE}: which open cases a hypothetical policy change would move to another
 * evidentiary standard, counted over every organisation (the platform view; Haven has no platform-administrator role
 * on the web yet, so this view is offered here only) or over one ({@code --org}). Counts only, disclosure-controlled.
 */
@Command(name = "impact", mixinStandardHelpOptions = true,
        description = "What-if: apply a change file (provisions in the data set's YAML format) and count the open cases whose "
                + "evidentiary standard would change, from what to what.")
final class PolicyImpactCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--change", required = true, paramLabel = "FILE", description = "the change file (schemaVersion, country, provisions)")
    Path change;
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "compare the standards on this day (default: the day the change starts, or today)")
    @Nullable String date;
    @Option(names = "--org", paramLabel = "SLUG", description = "one organisation only (default: all organisations)")
    @Nullable String org;
    @Option(names = "--json", description = "print JSON (the same document as POST /api/v1/statistics/what-if)")
    boolean json;

    @Override
    public Integer call() {
        String text;
        try {
            text = Files.readString(change, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("change", "cannot read the change file '" + change + "': " + e.getClass().getSimpleName());
        }
        LocalDate on = date == null ? null : PolicyCommand.parseDate("date", date);
        String name = change.getFileName().toString();
        // Validate before opening the database: a refused change is bad input with the loader's messages.
        PolicyFiles files = PolicyCommand.files(null);
        try {
            PolicyChange.apply(files, PolicyDataSet.load(files), name, text);
        } catch (PolicyDataException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.errors().forEach(line -> err.println(line));
            err.println("haven: the change file has " + e.errors().size() + " error(s); nothing was evaluated");
            err.flush();
            return HavenCli.BAD_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return AdminContext.run(new String[0], context -> {
            Statistics statistics = context.getBean(Statistics.class);
            UUID orgId = null;
            if (org != null) {
                orgId = context.getBean(OrganisationDirectory.class).bySlug(org.strip())
                        .orElseThrow(() -> new BadInputException("org", "unknown organisation '" + org + "': expected the slug of an organisation"))
                        .id().value();
            }
            PolicyChange applied = statistics.change(name, text);
            long started = System.nanoTime();
            Statistics.WhatIf result = statistics.whatIf(orgId, applied, on, (done, total) -> progress(err, done, total));
            err.printf("%nEvaluated in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            err.flush();
            return PolicyCommand.emit(spec, json, result, o -> print(name, result, o));
        });
    }

    static void progress(PrintWriter err, long done, long total) {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        err.printf("\rEvaluating combinations of open cases [%s%s] %d/%d", "#".repeat(filled), " ".repeat(width - filled), done, total);
        err.flush();
    }

    static void print(String name, Statistics.WhatIf w, PrintWriter out) {
        out.printf("What-if %s, standards compared on %s (%s)%n", name, w.date(),
                w.scope().equals("platform") ? "all organisations" : "one organisation");
        out.printf("  adds: %s%n", w.added().isEmpty() ? "-" : String.join(", ", w.added()));
        out.printf("  replaces: %s%n", w.replaced().isEmpty() ? "-" : String.join(", ", w.replaced()));
        out.printf("  open cases: %s%n", w.openCases().text());
        if (w.changes().isEmpty()) {
            out.println("  no open case would change evidentiary standard");
        }
        for (Statistics.Transition t : w.changes()) {
            out.printf("  %s -> %s: %s%n", t.from(), t.to(), t.cases().text());
        }
        out.printf("  unchanged: %s%n", w.unchanged().text());
        out.printf("Counts from 1 to %d are shown as ranges (disclosure control).%n", w.k() - 1);
    }

}
