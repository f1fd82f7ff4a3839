package nl.haven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module graph of ARCHITECTURE.md: no cycles, no reach into another module's internals, only
 * declared dependencies. Also writes the module diagrams to {@code docs/modules}.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(HavenApplication.class);

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        MODULES.verify();
    }

    @Test
    void everyModuleOfTheArchitectureExists() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("policy", "identity", "web", "cli", "shared");
    }

    @Test
    void writesModuleDocumentation() throws Exception {
        Path out = Path.of("docs", "modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(out.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        assertThat(out.resolve("components.puml")).exists();
        assertThat(Files.readString(out.resolve("components.puml"))).contains("identity");
    }
}
