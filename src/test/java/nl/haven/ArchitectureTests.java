package nl.haven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/** Rules the module graph alone cannot express. */
class ArchitectureTests {

    static final JavaClasses HAVEN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.haven");

    /** The policy core is plain Java: its web and CLI adapters live beside it, in {@code policy.web} (the only part that uses {@code web}). */
    @Test
    void policyCoreImportsNoSpring() {
        ArchRule rule = noClasses().that().resideInAPackage("nl.haven.policy..")
                .and().resideOutsideOfPackage("nl.haven.policy.web..")
                .and().doNotHaveSimpleName("package-info")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..", "nl.haven.web..")
                .allowEmptyShould(false);
        rule.check(HAVEN);
    }

    /** The shared kernel holds no Spring beans (ARCHITECTURE.md). */
    @Test
    void sharedKernelHasNoSpring() {
        noClasses().that().resideInAPackage("nl.haven.shared")
                .and().doNotHaveSimpleName("package-info")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .allowEmptyShould(false)
                .check(HAVEN);
    }

    /** SECURITY.md S3: only the protection module touches ciphers and keys. */
    @Test
    void onlyProtectionUsesCryptography() {
        noClasses().that().resideOutsideOfPackage("nl.haven.protection..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.crypto..", "com.google.crypto.tink..")
                .check(HAVEN);
        ArchRuleDefinition.classes().that().resideInAPackage("nl.haven.protection..")
                .and().haveSimpleName("Tink").should().dependOnClassesThat().resideInAPackage("com.google.crypto.tink..")
                .allowEmptyShould(false)
                .check(HAVEN);
    }
}
