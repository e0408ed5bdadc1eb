package dev.fedbff.gateway.passthrough;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which raw request paths a route may see: normal form only, so no route reaches outside its prefix. */
class PathGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/users/42", "/api/users/42/", "/api/users/a.b", "/api/users/..hidden", "/api/users/%20x", "/api/products/caf%C3%A9",
            "/api/users/a-b_c~d"})
    void normalPathsPass(String path) {
        assertThat(PathGuard.rejection(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users/../admin", "/api/users/..", "/api/users/./42", "/api/users/%2e%2e/admin", "/api/users/%2E%2E/admin",
            "/api/users/.%2e/admin", "/api/users/%252e%252e/admin", "/api/users/%2f..%2fadmin", "/api/users/%5c..%5cadmin",
            "/api/users/..\\admin", "/api/users/..;/admin", "/api/users;x=1/42", "/api//users/42", "/api/users/%00", "api/users/42",
            "/api/users/%c0%ae%c0%ae/admin", "/api/users/%C0%AF", "/api/users/%e0%80%ae", "/api/users/%ff", "/api/users/%zz", "/api/users/%4", "/api/users/\u00ff", "/api/users/caf\u00e9"})
    void traversalsAndTheirEncodedFormsAreRefused(String path) {
        assertThat(PathGuard.rejection(path)).isNotBlank();
    }
}
