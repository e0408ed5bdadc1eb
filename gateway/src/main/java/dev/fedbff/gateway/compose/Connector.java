package dev.fedbff.gateway.compose;

/**
 * A field or type bound to a REST endpoint with {@code @connect}.
 *
 * @param subgraph the schema file's subgraph, e.g. {@code products}
 * @param source   the {@code @source} name, which is also the service name that locates the backend
 * @param baseUrl  the {@code @source} base URL; its host names a service that configuration or discovery resolves
 * @param owner    {@code Query.product} for a root field, {@code Product} for an entity resolver
 */
public record Connector(String subgraph, String source, String baseUrl, String method, UrlTemplate url,
                        ConnectorSelection selection, String owner) {

    /** Whether one call serves many entities ({@code $batch}) rather than one call per entity. */
    public boolean batched() {
        return url.uses(UrlTemplate.Variable.BATCH);
    }

    /** How plans print it: {@code GET /products?ids={$batch.id->joinNotNull(',')}}. */
    public String describe() {
        return method + " " + url;
    }
}
