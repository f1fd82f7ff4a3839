package nl.haven.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import nl.haven.audit.AuditAdmin;
import nl.haven.audit.AuditVerifier;
import nl.haven.audit.VerifyResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code haven audit verify | checkpoint}: the tamper-evident audit log, against the configured database. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The tamper-evident audit log (uses the database of HAVEN_DB_URL or HAVEN_DATA_DIR, and the audit keys).",
        subcommands = { AuditCommand.Verify.class, AuditCommand.Checkpoint.class })
final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: verify or checkpoint");
    }

    static int print(CommandLine.Model.CommandSpec spec, VerifyResult result) {
        PrintWriter out = spec.commandLine().getOut();
        result.lines().forEach(out::println);
        out.flush();
        return result.ok() ? HavenCli.OK : HavenCli.PROBLEM;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {
                    "Recompute the audit chain and compare it with the head and the signed checkpoints.",
                    "Prints 'OK: N events verified' (exit 0), or 'TAMPERED: first bad sequence number S (reason)' (exit 1).",
                    "",
                    "By default (--full) every event's HMAC is recomputed from sequence number 1: any edited, deleted, inserted"
                            + " or reordered row is found, wherever it is.",
                    "--from-checkpoint is the fast check: it starts at the newest checkpoint with a good signature, checks that the row"
                            + " at its sequence number still carries the signed mac, and recomputes only the rows after it. Rows before that"
                            + " checkpoint are trusted, not recomputed: an edit of an earlier row is NOT found by it (a row's mac covers the"
                            + " rows before it only when they are recomputed too). Use it between full runs, never instead of them.",
                    "Rows cut off the end after the newest checkpoint cannot be told from a shorter log: a checkpoint is written at least"
                            + " every HAVEN_AUDIT_CHECKPOINT_INTERVAL (default 60s) while events arrive and on shutdown, so that is the window.",
                    "The checkpoint file is chained (each line signs the one before): a removed line, or a missing or empty file while"
                            + " the database holds events, is reported. With HAVEN_AUDIT_WITNESS_DIR set, its copy is compared too." })
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        @Nullable Scope scope;

        static final class Scope {
            @Option(names = "--full", description = "recompute every event from sequence number 1 (the default)")
            boolean full;
            @Option(names = "--from-checkpoint", description = "recompute only from the newest trusted checkpoint (fast; see above)")
            boolean fromCheckpoint;
        }

        @Override
        public Integer call() {
            AuditVerifier.Mode mode = scope != null && scope.fromCheckpoint ? AuditVerifier.Mode.FROM_CHECKPOINT : AuditVerifier.Mode.FULL;
            return AdminContext.run(new String[0], context -> print(spec, context.getBean(AuditAdmin.class).verify(mode)));
        }
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = {
                    "Sign the current end of the audit chain and append it to the checkpoint file (haven.audit.checkpoint-file).",
                    "Verifies from the newest trusted checkpoint first and writes nothing if that fails (exit 1).",
                    "Copy the checkpoint file off this machine: a checkpoint only protects what an attacker cannot also rewrite." })
    static final class Checkpoint implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return AdminContext.run(new String[0], context -> {
                AuditAdmin.CheckpointOutcome outcome = context.getBean(AuditAdmin.class).checkpoint();
                if (outcome.written() == null && outcome.verification().ok()) {
                    spec.commandLine().getOut().println("OK: the audit log is empty; no checkpoint written");
                    spec.commandLine().getOut().flush();
                    return HavenCli.OK;
                }
                if (outcome.written() == null) {
                    int exit = print(spec, outcome.verification());
                    spec.commandLine().getErr().println("haven: audit checkpoint: the chain did not verify; no checkpoint written");
                    spec.commandLine().getErr().flush();
                    return exit == HavenCli.OK ? HavenCli.PROBLEM : exit;
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println("OK: checkpoint written at sequence number " + outcome.written().seq() + " ("
                        + outcome.verification().eventsVerified() + " events verified since sequence number " + outcome.verification().fromSeq()
                        + ")");
                out.flush();
                return HavenCli.OK;
            });
        }
    }
}
