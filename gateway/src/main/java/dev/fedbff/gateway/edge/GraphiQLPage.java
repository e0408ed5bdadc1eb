package dev.fedbff.gateway.edge;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * GraphiQL at {@code /graphiql}: the page, a field to paste a bearer token, and every script and style it needs,
 * served from the class path (GraphiQL's UMD bundle and React from their WebJars), so that it works where no CDN can
 * be reached. The page and its assets need no token; the queries it sends carry the pasted one.
 */
public final class GraphiQLPage {

    public static final String PATH = "/graphiql";

    /**
     * Only this page's own files and the same origin: scripts from the BFF, no inline script, queries to the BFF.
     * GraphiQL's editors set inline styles.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, Resource> assets = new LinkedHashMap<>();

    public GraphiQLPage() {
        String graphiql = "META-INF/resources/webjars/graphiql/" + webJarVersion("graphiql") + "/";
        String react = "META-INF/resources/webjars/react/" + webJarVersion("react") + "/";
        String reactDom = "META-INF/resources/webjars/react-dom/" + webJarVersion("react-dom") + "/";
        asset("graphiql.min.js", graphiql + "graphiql.min.js");
        asset("graphiql.min.css", graphiql + "graphiql.min.css");
        asset("react.production.min.js", react + "umd/react.production.min.js");
        asset("react-dom.production.min.js", reactDom + "umd/react-dom.production.min.js");
        asset("start.js", "fedbff/graphiql/start.js");
        asset("page.css", "fedbff/graphiql/page.css");
        asset("licenses/graphiql.txt", graphiql + "LICENSE");
        asset("licenses/react.txt", react + "LICENSE");
        asset("licenses/react-dom.txt", reactDom + "LICENSE");
    }

    /** The paths the page and its assets are served at, which need no token. */
    public static java.util.List<String> publicPaths() {
        return java.util.List.of(PATH, PATH + "/**");
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(PATH, this::page)
                .GET(PATH + "/licenses/{name}", request -> asset("licenses/" + request.pathVariable("name")))
                .GET(PATH + "/{name}", request -> asset(request.pathVariable("name")))
                .build();
    }

    private Mono<ServerResponse> page(ServerRequest request) {
        return ServerResponse.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .cacheControl(CacheControl.noCache())
                .body(BodyInserters.fromResource(new ClassPathResource("fedbff/graphiql/index.html")));
    }

    private Mono<ServerResponse> asset(String name) {
        Resource resource = assets.get(name);
        if (resource == null) {
            return ServerResponse.notFound().build();
        }
        MediaType type = MediaTypeFactory.getMediaType(resource).orElse(MediaType.TEXT_PLAIN);
        return ServerResponse.ok().contentType(type.getType().equals("text") ? new MediaType(type, java.nio.charset.StandardCharsets.UTF_8) : type)
                .body(BodyInserters.fromResource(resource));
    }

    private void asset(String name, String location) {
        Resource resource = new ClassPathResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException("GraphiQL needs " + location + " on the class path; is the WebJar missing?");
        }
        assets.put(name, resource);
    }

    private static String webJarVersion(String artifact) {
        String location = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = GraphiQLPage.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("GraphiQL needs the WebJar org.webjars.npm:" + artifact + " on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
