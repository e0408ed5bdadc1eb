package dev.fedbff.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine's layers, held by two rules over every class of the gateway, its tests included: one layered
 * architecture that says which package may use which, and no cycles between packages. Three more rules keep the
 * parts pure: composition and planning without I/O, Reactor or Spring; Spring Boot only in {@code config}; no blocking.
 *
 * <pre>
 * config ──────────────────────────────────────────────► everything (wiring; nothing depends on it)
 * passthrough ─► edge, resilience
 * edge ──► shape ─► execute ─► plan ─► compose ─► core
 *   │                  └──────► connect ───────────► core
 *   ├──► persisted ─────────────────────────────────► core
 *   └──► ratelimit ─► auth ─────────────────────────► core
 * resilience ─► connect
 * observe ─► resilience, ratelimit (metrics, request ids, access log; edge and passthrough use it)
 * </pre>
 * Each layer may also use what the layers it uses may use. Test fixtures in {@code dev.fedbff.gateway} itself and
 * the federation conformance suite use every layer.
 */
class ArchitectureTest {

    /** Every class of the gateway, main and test. */
    static final JavaClasses ALL = new ClassFileImporter().importPackages("dev.fedbff.gateway");

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fedbff.gateway");

    /** Test fixtures and the federation conformance suite, which use every layer and belong to none. */
    private static final String[] FIXTURES = {"dev.fedbff.gateway", "dev.fedbff.gateway.federation.."};

    private static final String[] IO_AND_FRAMEWORKS = {
            "reactor..", "org.springframework..", "io.netty..", "io.github.resilience4j..", "java.net.http..", "java.nio.file.."};

    static Architectures.LayeredArchitecture layers() {
        return Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("dev.fedbff.gateway.core..")
                .layer("compose").definedBy("dev.fedbff.gateway.compose..")
                .layer("plan").definedBy("dev.fedbff.gateway.plan..")
                .layer("connect").definedBy("dev.fedbff.gateway.connect..")
                .layer("resilience").definedBy("dev.fedbff.gateway.resilience..")
                .layer("execute").definedBy("dev.fedbff.gateway.execute..")
                .layer("shape").definedBy("dev.fedbff.gateway.shape..")
                .layer("auth").definedBy("dev.fedbff.gateway.auth..")
                .layer("ratelimit").definedBy("dev.fedbff.gateway.ratelimit..")
                .layer("persisted").definedBy("dev.fedbff.gateway.persisted..")
                .layer("edge").definedBy("dev.fedbff.gateway.edge..")
                .layer("passthrough").definedBy("dev.fedbff.gateway.passthrough..")
                .layer("observe").definedBy("dev.fedbff.gateway.observe..")
                .layer("config").definedBy("dev.fedbff.gateway.config..")
                .whereLayer("core").mayNotAccessAnyLayer()
                .whereLayer("compose").mayOnlyAccessLayers("core")
                .whereLayer("plan").mayOnlyAccessLayers("compose", "core")
                .whereLayer("connect").mayOnlyAccessLayers("core")
                .whereLayer("resilience").mayOnlyAccessLayers("connect", "core")
                .whereLayer("execute").mayOnlyAccessLayers("plan", "compose", "connect", "core")
                .whereLayer("shape").mayOnlyAccessLayers("execute", "plan", "compose", "connect", "core")
                .whereLayer("auth").mayOnlyAccessLayers("core")
                .whereLayer("ratelimit").mayOnlyAccessLayers("auth", "core")
                .whereLayer("persisted").mayOnlyAccessLayers("core")
                .whereLayer("observe").mayOnlyAccessLayers("resilience", "connect", "ratelimit", "auth", "core")
                .whereLayer("edge").mayOnlyAccessLayers("observe", "shape", "execute", "plan", "compose", "connect", "persisted", "ratelimit", "auth", "core")
                .whereLayer("passthrough").mayOnlyAccessLayers("observe", "edge", "resilience", "shape", "execute", "plan", "compose", "connect",
                        "persisted", "ratelimit", "auth", "core")
                .whereLayer("config").mayNotBeAccessedByAnyLayer()
                .ensureAllClassesAreContainedInArchitectureIgnoring(FIXTURES);
    }

    @Test
    void everyPackageKeepsToItsLayer() {
        check(layers(), ALL);
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        check(slices().matching("dev.fedbff.gateway.(*)..").should().beFreeOfCycles(), ALL);
    }

    @Test
    void compositionAndPlanningArePureJava() {
        check(noClasses().that().resideInAnyPackage("dev.fedbff.gateway.compose..", "dev.fedbff.gateway.plan..")
                .should().dependOnClassesThat().resideInAnyPackage(IO_AND_FRAMEWORKS), MAIN);
    }

    @Test
    void springBootWiringIsOnlyInConfig() {
        check(noClasses().that().resideOutsideOfPackage("dev.fedbff.gateway.config..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.boot.."), MAIN);
    }

    @Test
    void executionNeverImportsResilience4j() {
        check(noClasses().that().resideInAPackage("dev.fedbff.gateway.execute..")
                .should().dependOnClassesThat().resideInAPackage("io.github.resilience4j.."), MAIN);
    }

    @Test
    void mainCodeNeverBlocksOnReactiveTypes() {
        check(noClasses().should().callMethodWhere(describe("Mono.block*() or Flux.block*()", call ->
                call.getName().startsWith("block")
                        && (call.getTargetOwner().isEquivalentTo(reactor.core.publisher.Mono.class)
                        || call.getTargetOwner().isEquivalentTo(reactor.core.publisher.Flux.class)))), MAIN);
    }

    private static void check(ArchRule rule, JavaClasses classes) {
        rule.because("the engine's layers depend one way (see STYLE.md and README's architecture)").check(classes);
    }
}
