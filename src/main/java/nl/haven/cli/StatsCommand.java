package nl.haven.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.haven.shared.BadInputException;
import nl.haven.statistics.Forecast;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code haven stats forecast}: the year-end forecast of INTERFACES.md §7, without a server or a database. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Statistics: the year-end forecast.",
        subcommands = { StatsCommand.ForecastCommand.class })
final class StatsCommand {

    @Command(name = "forecast", mixinStandardHelpOptions = true,
            description = "Forecast the year's total from the count so far (Poisson process, Jeffreys prior, Negative-Binomial predictive).")
    static final class ForecastCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--observed", required = true, paramLabel = "N", description = "requests counted from 1 January up to and including the as-of date")
        long observed;
        @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD", description = "the last day counted")
        String asOf;
        @Option(names = "--target", paramLabel = "N", description = "also give P(year total >= N)")
        @Nullable Long target;
        @Option(names = "--json", description = "print the JSON document of INTERFACES.md §7")
        boolean json;

        @Override
        public Integer call() {
            LocalDate date;
            try {
                date = LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                throw new BadInputException("as-of", "malformed --as-of '" + asOf + "': expected a date YYYY-MM-DD, e.g. 2025-04-17");
            }
            Forecast f = Forecast.of(observed, date, target);
            return PolicyCommand.emit(spec, json, f, out -> print(f, out));
        }

        static void print(Forecast f, PrintWriter out) {
            out.printf("Year-end forecast for %d, as of %s (%d so far)%n", f.year(), f.asOf(), f.observed());
            out.printf("  median total:  %d%n", f.median());
            out.printf("  80%% interval:  %d to %d%n", f.interval80().get(0), f.interval80().get(1));
            out.printf("  95%% interval:  %d to %d%n", f.interval95().get(0), f.interval95().get(1));
            if (f.target() != null && f.pAtLeastTarget() != null) {
                out.printf(Locale.ROOT, "  P(total >= %d): %.3f%n", f.target(), f.pAtLeastTarget());
            }
        }
    }
}
