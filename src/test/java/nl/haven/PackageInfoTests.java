package nl.haven;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every package of Haven's main code is {@link NullMarked}: a type without {@code @Nullable} means "never null", in
 * every package alike (docs/code-conventions.md). A new package without a package-info.java fails here.
 */
class PackageInfoTests {

    static SortedSet<String> mainPackages() {
        SortedSet<String> packages = new TreeSet<>();
        for (JavaClass type : ArchitectureTests.HAVEN) {
            packages.add(type.getPackageName());
        }
        return packages;
    }

    @Test
    void everyPackageIsNullMarked() {
        SortedSet<String> packages = mainPackages();
        // the import found the code: the module roots and their sub-packages are all there
        assertThat(packages).contains("nl.haven", "nl.haven.cases", "nl.haven.cases.internal", "nl.haven.policy.web");

        List<String> unmarked = packages.stream().filter(name -> !nullMarked(name)).toList();

        assertThat(unmarked).as("packages without a package-info.java annotated @NullMarked").isEmpty();
    }

    static boolean nullMarked(String packageName) {
        try {
            Class<?> info = Class.forName(packageName + ".package-info", false, PackageInfoTests.class.getClassLoader());
            return info.isAnnotationPresent(NullMarked.class);
        } catch (ClassNotFoundException missing) {
            return false;
        }
    }
}
