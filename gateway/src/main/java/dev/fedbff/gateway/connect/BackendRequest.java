package dev.fedbff.gateway.connect;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;

import java.net.URI;

/**
 * One request to a backend, before an instance is picked.
 *
 * @param service the service whose instance is called: the name its breaker, metrics and discovery know it by
 * @param target  where on the instance it goes
 * @param headers every header the backend gets, identity included ({@link IdentityHeaders#write})
 * @param bytes   a body held whole, sent with its {@code Content-Length}; null for none or a streamed one
 * @param stream  a body streamed as it comes; null for none or one held whole
 */
public record BackendRequest(String service, HttpMethod method, Target target, HttpHeaders headers, byte @Nullable [] bytes,
                             @Nullable Flux<ByteBuf> stream) {

    /** A request without a body. */
    public static BackendRequest of(String service, HttpMethod method, Target target, HttpHeaders headers) {
        return new BackendRequest(service, method, target, headers, null, null);
    }

    /** Where a request goes on the instance the load balancer picked. */
    public interface Target {

        /** The URI of the request on the instance at {@code instance} (its base address). */
        URI at(URI instance);

        /** The address to call when no instance of the service is known; null when the call then fails. */
        default @Nullable URI whenNoInstance() {
            return null;
        }

        /** A path and query below the instance's address, e.g. {@code /users/42?x=1}. */
        static Target path(String pathAndQuery) {
            return instance -> URI.create(instance.toString().replaceAll("/+$", "") + pathAndQuery);
        }

        /** The instance's address itself; its {@code /graphql} when the address has no path. */
        static Target graphQLEndpoint() {
            return instance -> {
                String path = instance.getPath();
                return path == null || path.isEmpty() || path.equals("/") ? instance.resolve("/graphql") : instance;
            };
        }

        /**
         * A URL as written ({@code http://products/products?ids=1,2}): on an instance, its scheme and host replace
         * the URL's; without one, the URL is called as it is (its host may resolve by itself).
         */
        static Target url(URI url) {
            return new Target() {
                @Override
                public URI at(URI instance) {
                    String query = url.getRawQuery();
                    return URI.create(instance.getScheme() + "://" + instance.getRawAuthority() + url.getRawPath() + (query == null ? "" : "?" + query));
                }

                @Override
                public URI whenNoInstance() {
                    return url;
                }
            };
        }
    }
}
