package nl.haven.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import nl.haven.protection.KeyRotation;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code haven keys rotate}: a new primary key per organisation, every case key re-wrapped. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "The key hierarchy: master key, organisation keys, case keys.",
        subcommands = { KeysCommand.Rotate.class })
final class KeysCommand {

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a new primary key to every organisation's keyset and re-wrap every case key with it. "
                    + "Safe to stop at any moment: running it again resumes an interrupted rotation.")
    static final class Rotate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--batch", defaultValue = "500", description = "case keys per transaction (default: ${DEFAULT-VALUE})")
        int batch;

        @Override
        public Integer call() {
            if (batch < 1) {
                throw new BadInputException("batch", "--batch must be 1 or more");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return AdminContext.run(new String[0], context -> {
                AtomicLong total = new AtomicLong();
                KeyRotation rotation = context.getBean(Protection.class).rotateOrganisationKeys(batch, total::set,
                        done -> progress(err, done, total.get()));
                err.println();
                out.printf("%s: %d organisation key(s), %d case key(s) re-wrapped%n", rotation.resumed() ? "Resumed rotation" : "Rotated",
                        rotation.organisations(), rotation.caseKeys());
                out.flush();
                return HavenCli.OK;
            });
        }

        /** A one-line progress bar on standard error, redrawn in place. */
        static void progress(PrintWriter err, long done, long total) {
            int width = 30;
            int filled = total == 0 ? width : (int) (width * done / total);
            err.printf("\rRe-wrapping case keys [%s%s] %d/%d", "#".repeat(filled), " ".repeat(width - filled), done, total);
            err.flush();
        }
    }
}
