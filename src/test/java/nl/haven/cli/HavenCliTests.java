package nl.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nl.haven.shared.BadInputException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HavenCliTests {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = HavenCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void unknownOptionExitsTwoWithOneLineNamingIt() {
        Run run = run("--frobnicate");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--frobnicate").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownCommandExitsTwoWithOneLineNamingIt() {
        Run run = run("fly");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("fly");
    }

    @Test
    void unknownOptionOfServeIsNamed() {
        Run run = run("serve", "--colour");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--colour").contains("haven serve --help");
    }

    @Test
    void versionAndHelpExitZero() {
        assertThat(run("--version").exit()).isZero();
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("serve");
        assertThat(run("serve", "--help").out()).contains("--demo");
    }

    @Test
    void malformedDatabaseUrlIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> DatabaseUrl.check("postgres://localhost/haven"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("HAVEN_DB_URL")
                .hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.check("jdbc:postgresql:/nohost"))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void databaseUrlNeverEchoesCredentials() {
        assertThatThrownBy(() -> DatabaseUrl.check("mysql://admin:s3cret@db/x"))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void wellFormedDatabaseUrlsPass() {
        DatabaseUrl.check(null);
        DatabaseUrl.check("");
        DatabaseUrl.check("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        DatabaseUrl.check("jdbc:postgresql://db.internal/haven");
        DatabaseUrl.check("jdbc:h2:file:/tmp/haven");
    }

    /** End to end, in a JVM of its own: the variable is read from the real environment. */
    @Test
    void serveRefusesAMalformedDatabaseUrlWithExitTwoAndNoStackTrace() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "nl.haven.cli.HavenCli", "serve");
        builder.environment().put("HAVEN_DB_URL", "postgres://localhost/haven");
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(err).startsWith("haven: HAVEN_DB_URL").doesNotContain("\tat ");
    }
}
