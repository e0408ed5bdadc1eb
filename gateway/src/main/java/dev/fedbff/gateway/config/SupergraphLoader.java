package dev.fedbff.gateway.config;

import dev.fedbff.gateway.compose.Contract;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the graph this BFF serves, the one way it is built at start-up and on every reload: the subgraph schema files
 * of {@code fedbff.schema.location} (or the Apollo supergraph of {@code fedbff.schema.supergraph}) plus the BFF's own
 * schema files (its in-process subgraph), composed, then narrowed to the BFF's contract ({@code fedbff.contract}).
 * Throws {@link dev.fedbff.gateway.compose.CompositionException} or {@link dev.fedbff.gateway.compose.ContractException}
 * when the result cannot be served; nothing is half-built.
 */
public final class SupergraphLoader implements SupergraphSource {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SupergraphLoader.class);

    private final GatewayProperties.Schema schema;
    private final List<SchemaFile> ownSchemas;
    private final Contract contract;

    /**
     * @param ownSchemas the schema files of the BFF's own fields, composed with the folder's as further subgraphs
     * @param contract   which tagged elements clients see
     */
    public SupergraphLoader(GatewayProperties.Schema schema, List<SchemaFile> ownSchemas, Contract contract) {
        this.schema = schema;
        this.ownSchemas = List.copyOf(ownSchemas);
        this.contract = contract;
    }

    /** Reads the schema files again and builds the graph from what they say now. */
    @Override
    public Supergraph load() {
        return contract.apply(composed());
    }

    private Supergraph composed() {
        if (schema.supergraph() != null && !schema.supergraph().isBlank()) {
            Supergraph supergraph = SchemaDirectory.supergraph(schema);
            ownSchemas.stream().map(SchemaFile::subgraphName)
                    .filter(name -> supergraph.subgraphs().stream().noneMatch(subgraph -> subgraph.name().equals(name)))
                    .forEach(name -> log.warn("the supergraph {} has no subgraph {}: this BFF's own fields ({}.graphqls) are not served; "
                            + "compose that file into the supergraph like any subgraph", schema.supergraph(), name, name));
            return supergraph;
        }
        List<SchemaFile> files = new ArrayList<>(SchemaDirectory.read(schema.location()));
        files.addAll(ownSchemas);
        return new SupergraphComposer().compose(files);
    }

    public Contract contract() {
        return contract;
    }
}
