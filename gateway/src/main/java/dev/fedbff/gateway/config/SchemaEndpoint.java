package dev.fedbff.gateway.config;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/schema}: {@code GET} shows the graph serving and how reloads went (as health does);
 * {@code POST} composes the schema files now and answers {@code 200} with {@code outcome: reloaded} or
 * {@code unchanged}, or {@code 422} with {@code outcome: failed} and every error while the old graph keeps serving.
 * Not public: it needs a token, like every path outside {@code fedbff.auth.public-paths}.
 */
@Endpoint(id = "schema")
final class SchemaEndpoint {

    private final SchemaHealthIndicator health;
    private final SchemaReloader reloader;

    SchemaEndpoint(SchemaHealthIndicator health, SchemaReloader reloader) {
        this.health = health;
        this.reloader = reloader;
    }

    @ReadOperation
    public SchemaHealthIndicator.Serving serving() {
        return health.serving();
    }

    @WriteOperation
    public WebEndpointResponse<SchemaReloader.Result> reload() {
        SchemaReloader.Result result = reloader.reload("requested at /actuator/schema");
        return new WebEndpointResponse<>(result, result.failed() ? 422 : 200);
    }
}
