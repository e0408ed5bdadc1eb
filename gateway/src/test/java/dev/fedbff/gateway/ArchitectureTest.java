package dev.fedbff.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The one-way dependencies of the engine: a pure core (composition, planning) without I/O, Reactor or Spring;
 * execution without resilience or configuration; configuration wiring that nothing depends on; no blocking.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fedbff.gateway");

    private static final String[] IO_AND_FRAMEWORKS = {
            "reactor..", "org.springframework..", "io.netty..", "io.github.resilience4j..", "java.net.http..", "java.nio.file.."};

    @Test
    void compositionAndPlanningArePureJava() {
        check(noClasses().that().resideInAnyPackage("dev.fedbff.gateway.compose..", "dev.fedbff.gateway.plan..")
                .should().dependOnClassesThat().resideInAnyPackage(IO_AND_FRAMEWORKS));
    }

    @Test
    void compositionDependsOnNoLaterStage() {
        check(noClasses().that().resideInAPackage("dev.fedbff.gateway.compose..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.fedbff.gateway.plan..", "dev.fedbff.gateway.execute..", "dev.fedbff.gateway.connect..", "dev.fedbff.gateway.edge.."));
    }

    @Test
    void planningDependsOnNoLaterStage() {
        check(noClasses().that().resideInAPackage("dev.fedbff.gateway.plan..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.fedbff.gateway.execute..", "dev.fedbff.gateway.connect..", "dev.fedbff.gateway.edge..", "dev.fedbff.gateway.config.."));
    }

    @Test
    void executionKnowsNeitherResilienceNorTheEdgeNorConfiguration() {
        check(noClasses().that().resideInAPackage("dev.fedbff.gateway.execute..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.github.resilience4j..", "dev.fedbff.gateway.edge..", "dev.fedbff.gateway.config.."));
    }

    @Test
    void nothingDependsOnConfigurationWiring() {
        check(noClasses().that().resideOutsideOfPackage("dev.fedbff.gateway.config..")
                .should().dependOnClassesThat().resideInAPackage("dev.fedbff.gateway.config.."));
    }

    @Test
    void mainCodeNeverBlocksOnReactiveTypes() {
        check(noClasses().should().callMethodWhere(describe("Mono.block*() or Flux.block*()", call ->
                call.getName().startsWith("block")
                        && (call.getTargetOwner().isEquivalentTo(reactor.core.publisher.Mono.class)
                        || call.getTargetOwner().isEquivalentTo(reactor.core.publisher.Flux.class)))));
    }

    private static void check(ArchRule rule) {
        rule.because("the engine's layers depend one way (see STYLE.md)").check(MAIN);
    }
}
