package nl.haven.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version from the build-info that the Spring Boot Maven plugin writes. */
final class HavenVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties info = new Properties();
        try (InputStream in = HavenVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                info.load(in);
            }
        }
        return new String[] { "Haven " + info.getProperty("build.version", "(development build)"),
                "Java " + System.getProperty("java.version") };
    }
}
