package dev.fedbff.gateway.config;

import dev.fedbff.gateway.compose.CompositionException;
import dev.fedbff.gateway.compose.Supergraph;

/**
 * Where the graph a BFF serves comes from, built anew on every call: the schema folder composed (or the Apollo
 * supergraph file read), plus whatever the BFF adds to it. Start-up and every reload build the graph through this one
 * function, so a reload serves exactly what a restart would. A BFF that adds to the graph declares its own bean.
 */
@FunctionalInterface
public interface SupergraphSource {

    /**
     * Reads and composes the graph now.
     *
     * @throws CompositionException listing every problem, each with its file, line and rule
     */
    Supergraph load();
}
