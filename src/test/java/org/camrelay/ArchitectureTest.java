package org.camrelay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the product, read from its compiled classes: components that a Camel user can take alone, stages that
 * depend only on the shared frame model, the application on top, the benchmarks outside.
 * <pre>
 *   org.camrelay.app ────────────────┐ (main, routes folder, operations, console)
 *      │            │                │
 *      ▼            ▼                ▼
 *   component.vbc10  component.framerate  component.transcode  component.live   simulator
 *      └──────────────┴──────────┬────────┴───────────────────┘              │
 *                                ▼                                           ▼
 *                         org.camrelay.frame  ◀──────────────────────────────┘
 * </pre>
 */
class ArchitectureTest {

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.camrelay");
    }

    @Test
    void noComponentDependsOnAnother() {
        slices().matching("org.camrelay.component.(*)..").should().notDependOnEachOther().check(product);
    }

    @Test
    void componentsDependOnlyOnTheFrameModel() {
        noClasses().that().resideInAPackage("org.camrelay.component..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camrelay.app..", "org.camrelay.simulator..",
                        "org.camrelay.bench..", "org.camrelay")
                .check(product);
    }

    @Test
    void theFrameModelDependsOnNothingOfCamrelay() {
        noClasses().that().resideInAPackage("org.camrelay.frame..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camrelay.component..", "org.camrelay.app..",
                        "org.camrelay.simulator..", "org.camrelay.bench..")
                .check(product);
    }

    @Test
    void theSimulatorStandsApartFromTheRelay() {
        noClasses().that().resideInAPackage("org.camrelay.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camrelay.component..", "org.camrelay.app..",
                        "org.camrelay.bench..")
                .check(product);
    }

    @Test
    void nothingInTheProductUsesTheBenchmarksOrJmh() {
        noClasses().that().resideInAPackage("org.camrelay..").and().resideOutsideOfPackage("org.camrelay.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camrelay.bench..", "org.openjdk.jmh..")
                .check(product);
    }
}
