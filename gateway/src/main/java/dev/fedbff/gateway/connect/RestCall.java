package dev.fedbff.gateway.connect;

import java.net.URI;

/**
 * One HTTP call of a REST connector, with the URL already built.
 *
 * @param key         for a root field, its response key (where the answer goes, and where an error points); "" otherwise
 * @param service     the service to call: the {@code @source} name, located by discovery; the host of {@code url} when
 *                    no instance of it is known
 * @param method      {@code GET}, ...
 * @param url         the URL as the connector writes it: the {@code @source} base URL and the expanded path and query,
 *                    e.g. {@code http://products/products?ids=1,2}; a located instance replaces its scheme and host
 * @param description how errors name the endpoint, e.g. {@code GET /products/{$args.id}}
 * @param answer      turns the JSON answer into the GraphQL value(s) the fetch needs
 */
public record RestCall(String key, String service, String method, URI url, String description, RestAnswer answer) {

    /** Turns a REST answer's JSON into what the fetch's caller expects: a field's value, an entity, or the list of entities. */
    @FunctionalInterface
    public interface RestAnswer {
        Object read(Object json);
    }
}
