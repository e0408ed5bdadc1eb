package dev.fedbff.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Base for a subgraph's schema-contract test, a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}: the SDL the
 * running subgraph serves must reduce to the same {@link SdlContract} facts as its file under schema/, and the
 * reduction must not be blind: the contract yields the facts the subclass names, and each edit it lists changes them.
 */
public abstract class SchemaContractTest extends GraphQlServiceTest {

    private final Path contract;
    private final List<String> knownFacts;
    private final List<Edit> realDifferences;

    /**
     * @param schemaFile      the contract's file name in the repository's schema/ folder
     * @param knownFacts      facts the contract must yield, as {@link SdlContract} writes them
     * @param realDifferences edits to the contract text, each of which must change its facts
     */
    protected SchemaContractTest(String schemaFile, List<String> knownFacts, List<Edit> realDifferences) {
        if (knownFacts.isEmpty() || realDifferences.isEmpty()) {
            throw new IllegalArgumentException("A schema-contract test needs known facts and real differences to check");
        }
        this.contract = Path.of("../../schema/" + schemaFile);
        this.knownFacts = List.copyOf(knownFacts);
        this.realDifferences = List.copyOf(realDifferences);
    }

    /** An edit of the contract text: every {@code target} replaced by {@code replacement}. */
    protected static Edit edit(String target, String replacement) {
        return new Edit(target, replacement);
    }

    @Test
    void servedSdlMatchesTheContractFile() throws IOException {
        String served = graphQl.post("{ _service { sdl } }").at("/data/_service/sdl").asString();

        assertThat(SdlContract.facts(served)).containsExactlyElementsOf(SdlContract.facts(Files.readString(contract)));
    }

    @Test
    void normaliserSeesARealDifference() throws IOException {
        String contract = Files.readString(this.contract);

        assertThat(SdlContract.facts(contract)).contains(knownFacts.toArray(String[]::new));

        for (Edit edit : realDifferences) {
            assertThat(SdlContract.facts(contract.replace(edit.target(), edit.replacement())))
                    .isNotEqualTo(SdlContract.facts(contract));
        }
    }

    protected record Edit(String target, String replacement) {
    }
}
