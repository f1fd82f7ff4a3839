package nl.haven.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import nl.haven.identity.IdentityManagement;
import nl.haven.protection.KeyRotation;
import nl.haven.protection.Protection;
import nl.haven.protection.Sealing;
import nl.haven.shared.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code haven keys rotate}: a new primary key per organisation, every case key re-wrapped; {@code haven keys recovery-key}
 * and {@code haven keys recover}: an organisation's recovery key; {@code haven keys seal}: the cut-over to sealed at rest
 * (issue #23, ADR 0006 step 11).
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "The key hierarchy: master key, organisation keys, case keys.",
        subcommands = { KeysCommand.Rotate.class, KeysCommand.RecoveryKey.class, KeysCommand.Recover.class, KeysCommand.Seal.class })
final class KeysCommand {

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a new primary key to every organisation's keyset and re-wrap every case key with it; on a sealed "
                    + "installation, one organisation's (--org) with its recovery key, and every grant is sealed again with the new key. "
                    + "Safe to stop at any moment: running it again resumes an interrupted rotation.")
    static final class Rotate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--batch", defaultValue = "500", description = "case keys per transaction (default: ${DEFAULT-VALUE})")
        int batch;
        @Option(names = "--org", paramLabel = "SLUG", description = "on a sealed installation: the organisation whose keys to rotate, with "
                + "its recovery key read from standard input (never an argument)")
        String org;

        @Override
        public Integer call() throws IOException {
            if (batch < 1) {
                throw new BadInputException("batch", "--batch must be 1 or more");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String recoveryKey = org == null ? null : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return AdminContext.run(new String[0], context -> {
                boolean sealed = context.getBean(Protection.class).sealed();
                if (sealed && org == null) {
                    throw new BadInputException("org", "the installation is sealed (haven keys seal): the server no longer holds the organisations' "
                            + "keys; rotate one organisation's with its recovery key: haven keys rotate --org SLUG < recovery-key.txt");
                }
                if (!sealed && org != null) {
                    throw new BadInputException("org", "the installation is not sealed: haven keys rotate (without --org) rotates every "
                            + "organisation's keys with the master key");
                }
                AtomicLong total = new AtomicLong();
                KeyRotation rotation = sealed
                        ? context.getBean(IdentityManagement.class).rotateOrganisationKeys(org, recoveryKey == null ? "" : recoveryKey, batch, total::set,
                                done -> progress(err, done, total.get()))
                        : context.getBean(Protection.class).rotateOrganisationKeys(batch, total::set, done -> progress(err, done, total.get()));
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

    @Command(name = "recovery-key", mixinStandardHelpOptions = true,
            description = "Make a new recovery key for an organisation and print it once. Write it down or print it and keep it away "
                    + "from the server: when every key holder's password is lost, it alone grants the organisation's keys again "
                    + "(haven keys recover). An earlier recovery key of the organisation stops working.")
    static final class RecoveryKey implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--org", required = true, paramLabel = "SLUG", description = "the organisation")
        String org;

        @Override
        public Integer call() {
            return AdminContext.run(new String[0], context -> {
                String key = context.getBean(IdentityManagement.class).newRecoveryKey(org);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("The recovery key of %s (shown once; any earlier one no longer works):%n%n  %s%n%n"
                        + "Write it down or print it, and keep it where the server is not. Without it, nobody can give the "
                        + "organisation's cases back once every key holder's password is lost.%n", org, key);
                out.flush();
                return HavenCli.OK;
            });
        }
    }

    @Command(name = "recover", mixinStandardHelpOptions = true,
            description = "Give the organisation's keys to a coordinator with its recovery key, read from standard input (never an "
                    + "argument: arguments can be seen by other users of the machine). The coordinator must have logged in once "
                    + "with their password.")
    static final class Recover implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--org", required = true, paramLabel = "SLUG", description = "the organisation")
        String org;
        @Option(names = "--to", required = true, paramLabel = "E", description = "the coordinator's e-mail address")
        String to;

        @Override
        public Integer call() throws IOException {
            String key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return AdminContext.run(new String[0], context -> {
                context.getBean(IdentityManagement.class).recover(org, key == null ? "" : key, to);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%s holds the keys of %s again; they see its cases at their next log-in.%n", to, org);
                out.flush();
                return HavenCli.OK;
            });
        }
    }

    @Command(name = "seal", mixinStandardHelpOptions = true,
            description = "Seal the installation (ADR 0006 step 11): remove the master key's copies of every organisation's keys, so "
                    + "that a copy of the server, key files included, opens no case; from then on only key holders' own passwords, "
                    + "tokens and recovery keys open them. Run it with every node stopped, after a backup (haven backup create and "
                    + "--keys). Refused while an organisation has no recovery key. It cannot be undone.")
    static final class Seal implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return AdminContext.run(new String[0], context -> {
                PrintWriter out = spec.commandLine().getOut();
                Sealing sealing = context.getBean(IdentityManagement.class).seal();
                if (sealing.alreadySealed()) {
                    out.println("The installation is sealed already: nothing to do.");
                } else {
                    out.printf("Sealed: the keys of %d organisation(s) now open only with their key holders' secrets (%d grant(s) sealed again). "
                            + "Destroy older keys backups (haven backup create --keys) and copies of the master key file: they still open "
                            + "what was stored before now.%n", sealing.organisations(), sealing.grants());
                }
                out.flush();
                return HavenCli.OK;
            });
        }
    }
}
