package dev.fedbff.gateway.config;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import javax.net.ssl.SSLException;
import java.util.Arrays;

/**
 * The one Reactor Netty client every backend call goes through (GraphQL subgraphs, REST connectors, passthrough):
 * pooled, and for {@code https} backends trusting the SSL bundle {@code fedbff.backend-ssl-bundle} names (its
 * certificates, and its key for mutual TLS when it has one); without a bundle the JDK's trusted authorities.
 */
final class BackendClient {

    private BackendClient() {
    }

    static HttpClient create(ConnectionProvider connections, @Nullable String bundleName, @Nullable SslBundles bundles) {
        HttpClient client = HttpClient.create(connections);
        if (bundleName == null || bundleName.isBlank()) {
            return client;
        }
        SslContext context = sslContext(bundle(bundleName, bundles), bundleName);
        return client.secure(spec -> spec.sslContext(context));
    }

    private static SslBundle bundle(String name, @Nullable SslBundles bundles) {
        if (bundles == null) {
            throw new InvalidConfigurationPropertyValueException("fedbff.backend-ssl-bundle", name, "no SSL bundles are configured (spring.ssl.bundle.pem." + name + ")");
        }
        try {
            return bundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new InvalidConfigurationPropertyValueException("fedbff.backend-ssl-bundle", name,
                    "there is no SSL bundle of that name; define it under spring.ssl.bundle.pem." + name);
        }
    }

    private static SslContext sslContext(SslBundle bundle, String name) {
        SslContextBuilder builder = SslContextBuilder.forClient().trustManager(bundle.getManagers().getTrustManagerFactory());
        if (bundle.getStores().getKeyStore() != null) {
            builder.keyManager(bundle.getManagers().getKeyManagerFactory());
        }
        SslOptions options = bundle.getOptions();
        if (options.getCiphers() != null) {
            builder.ciphers(Arrays.asList(options.getCiphers()));
        }
        if (options.getEnabledProtocols() != null) {
            builder.protocols(options.getEnabledProtocols());
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new InvalidConfigurationPropertyValueException("fedbff.backend-ssl-bundle", name, e.getMessage());
        }
    }
}
