package nl.haven.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.haven.policy.ChangesDocument;
import nl.haven.policy.PolicyDataException;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyDiff;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.PolicyVersion;
import nl.haven.policy.PolicyVersions;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code haven policy changes [--json] [--from DIR --to DIR]}: the recorded data-set versions and what changed between
 * consecutive ones (issue #17). Without {@code --from}/{@code --to} it reads the versions from the configured database
 * (HAVEN_DB_URL or the embedded one under HAVEN_DATA_DIR), like the other administration commands; with both it compares
 * two data-set directories and needs no database.
 */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = { "The policy data-set versions Haven has run with and what changed between consecutive ones: per country the",
                "provisions, safe-country listings and list statements added, ended, changed or removed (old and new values, sources),",
                "and per route parameter the values added or changed. Reads the versions from the database; --from DIR --to DIR",
                "compares two data-set directories without one." })
final class PolicyChangesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--from", paramLabel = "DIR", description = "the older data-set directory (with --to: no database needed)")
    @Nullable Path from;
    @Option(names = "--to", paramLabel = "DIR", description = "the newer data-set directory (with --from)")
    @Nullable Path to;
    @Option(names = "--json", description = "print JSON (the same document as GET /api/v1/policy/changes)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if ((from == null) != (to == null)) {
            throw new BadInputException(from == null ? "from" : "to", "--from and --to go together: give both data-set directories, "
                    + "or neither to read the recorded versions from the database");
        }
        if (from != null && to != null) {
            PolicyDataSet older = load("from", from);
            PolicyDataSet newer = load("to", to);
            ChangesDocument doc = ChangesDocument.between(older, newer);
            return PolicyCommand.emit(spec, json, doc, out -> print(doc, out));
        }
        return AdminContext.run(new String[0], context -> {
            PolicyVersions versions = context.getBean(PolicyVersions.class);
            PolicyDataSet current = PolicyCommand.dataSet(null);
            HashMap<String, PolicyDataSet> loaded = new HashMap<>();
            loaded.put(current.version(), current);
            ChangesDocument doc = ChangesDocument.of(current.version(), versions.list(), hash -> versions.files(hash).orElse(null), loaded);
            return PolicyCommand.emit(spec, json, doc, out -> print(doc, out));
        });
    }

    private static PolicyDataSet load(String option, Path dir) {
        try {
            return PolicyDataSet.load(PolicyFiles.fromDirectory(dir));
        } catch (PolicyInputException e) {
            throw new BadInputException(option, "--" + option + " '" + dir + "': not a data-set directory (expected a directory with "
                    + "sources.yaml, facts.yaml, safeguards.yaml …)");
        } catch (PolicyDataException e) {
            throw new BadInputException(option, "--" + option + " '" + dir + "': the data set has " + e.errors().size()
                    + " error(s), first: " + e.errors().get(0) + " (haven policy check --dir " + dir + " lists them all)");
        }
    }

    static void print(ChangesDocument doc, PrintWriter out) {
        out.printf("%d recorded version(s), oldest first:%n", doc.versions().size());
        for (PolicyVersion v : doc.versions()) {
            out.printf("  %s  %s  first loaded %s%s%n", v.label(), v.hash(), v.firstLoaded(), v.hash().equals(doc.current()) ? "  (current)" : "");
        }
        for (ChangesDocument.Step step : doc.steps()) {
            out.println();
            out.printf("From %s to %s (first loaded %s):%n", step.fromLabel(), step.toLabel(), step.firstLoaded());
            if (step.diff() == null) {
                out.println("  not compared: " + step.problem());
                continue;
            }
            if (step.diff().isEmpty()) {
                out.println("  no change in provisions, listings, list statements or route parameters");
            }
            for (PolicyDiff.CountryChanges country : step.diff().countries()) {
                out.printf("  %s%n", country.country().equals(PolicyDiff.EVERY_COUNTRY) ? "every country" : country.country());
                for (PolicyDiff.Item item : country.items()) {
                    out.printf("    %s %s %s (from %s)%n", item.change().name().toLowerCase(Locale.ROOT),
                            item.subject().name().toLowerCase(Locale.ROOT).replace('_', ' '), item.id(), item.validFrom());
                    if (item.change() == PolicyDiff.Change.CHANGED || item.change() == PolicyDiff.Change.ENDED) {
                        for (PolicyDiff.FieldChange f : item.fields()) {
                            out.printf("      %s: %s -> %s%n", f.field(), shown(f.before()), shown(f.after()));
                        }
                    }
                    if (!item.sources().isEmpty()) {
                        out.printf("      sources: %s%n", String.join(", ", item.sources().stream().map(s -> s.id()).toList()));
                    }
                }
            }
            for (PolicyDiff.ParameterChanges parameter : step.diff().routes()) {
                out.printf("  route %s, %s%n", parameter.route(), parameter.parameter());
                for (PolicyDiff.ValueChange value : parameter.values()) {
                    out.printf("    %d: %s from %s: %s -> %s%n", value.year(), value.change().name().toLowerCase(Locale.ROOT),
                            value.validFrom(), shown(value.before()), shown(value.after()));
                }
            }
        }
        out.flush();
    }

    private static String shown(@Nullable String value) {
        if (value == null) {
            return "—";
        }
        return value.length() > 120 ? value.substring(0, 117) + "…" : value;
    }
}
