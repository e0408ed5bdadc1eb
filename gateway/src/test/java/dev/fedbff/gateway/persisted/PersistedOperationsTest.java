package dev.fedbff.gateway.persisted;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.persisted.PersistedOperations.Mode;
import dev.fedbff.gateway.persisted.PersistedOperations.Rejected;
import dev.fedbff.gateway.persisted.PersistedOperations.Resolution;
import dev.fedbff.gateway.persisted.PersistedOperations.Run;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PersistedOperationsTest {

    static final String PROFILE = "query Profile { me { id name } }";
    static final String PROFILE_ID = OperationBody.sha256(PROFILE);
    static final String ORDER = "query Order($id: ID!) { order(id: $id) { id status } }";
    static final String UNLISTED = "query Users { users(first: 100) { id name } }";
    static final OperationManifest MANIFEST = OperationManifest.parse(OperationManifestTest.manifest(
            OperationManifestTest.entry(PROFILE_ID, "Profile", "query", PROFILE) + ","
                    + OperationManifestTest.entry("order-v1", "Order", "query", ORDER)), "test manifest");

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(PersistedOperations.class)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(PersistedOperations.class)).detachAppender(logs);
    }

    static Map<String, Object> apq(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    static Resolution resolve(PersistedOperations operations, @Nullable String query, Map<String, Object> extensions) {
        return operations.resolve(query, null, JsonObject.from(extensions)).blockOptional().orElseThrow();
    }

    @Test
    void apqMissThenRegisterThenHit() {
        PersistedOperations operations = new PersistedOperations(PersistedQueryStore.local(100), OperationManifest.EMPTY, Mode.OFF, true);
        String hash = OperationBody.sha256(UNLISTED);

        Resolution miss = resolve(operations, null, apq(hash));
        assertThat(miss).isEqualTo(new Rejected(200, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound", true));

        assertThat(resolve(operations, UNLISTED, apq(hash))).isEqualTo(new Run(UNLISTED));
        assertThat(resolve(operations, null, apq(hash))).isEqualTo(new Run(UNLISTED));
        assertThat(resolve(operations, null, apq(hash.toUpperCase()))).as("hex digits in either case").isEqualTo(new Run(UNLISTED));
    }

    @Test
    void aHashThatIsNotTheQuerysIsRefusedAndNothingIsRegistered() {
        PersistedOperations operations = new PersistedOperations(PersistedQueryStore.local(100), OperationManifest.EMPTY, Mode.OFF, true);
        String otherHash = OperationBody.sha256(PROFILE);

        Resolution mismatch = resolve(operations, UNLISTED, apq(otherHash));

        assertThat(mismatch).isEqualTo(new Rejected(400, "PERSISTED_QUERY_HASH_MISMATCH", "provided sha does not match query", false));
        assertThat(resolve(operations, null, apq(otherHash))).isEqualTo(PersistedOperations.NOT_FOUND);
    }

    @Test
    void aMalformedPersistedQueryExtensionIsABadRequest() {
        PersistedOperations operations = new PersistedOperations(PersistedQueryStore.local(100), OperationManifest.EMPTY, Mode.OFF, true);

        assertThat(resolve(operations, null, Map.of("persistedQuery", "abc"))).extracting("status", "code").containsExactly(400, "BAD_REQUEST");
        assertThat(resolve(operations, null, Map.of("persistedQuery", Map.of("version", 2, "sha256Hash", PROFILE_ID))))
                .extracting("status", "code").containsExactly(400, "BAD_REQUEST");
        assertThat(resolve(operations, null, apq("not-a-hash"))).extracting("status", "code").containsExactly(400, "BAD_REQUEST");
    }

    @Test
    void withoutApqAHashIsNotSupported() {
        PersistedOperations operations = PersistedOperations.none();

        assertThat(resolve(operations, null, apq(PROFILE_ID))).isEqualTo(PersistedOperations.NOT_SUPPORTED);
        assertThat(resolve(operations, PROFILE, apq(PROFILE_ID))).isEqualTo(PersistedOperations.NOT_SUPPORTED);
        assertThat(resolve(operations, PROFILE, Map.of())).isEqualTo(new Run(PROFILE));
    }

    @Test
    void safelistRunsListedOperationsByIdAndByBodyAndRefusesTheRest() {
        PersistedOperations operations = new PersistedOperations(PersistedQueryStore.local(100), MANIFEST, Mode.SAFELIST, false);

        assertThat(resolve(operations, null, apq("order-v1"))).as("by id").isEqualTo(new Run(ORDER));
        assertThat(resolve(operations, null, apq(PROFILE_ID))).as("by an id that is also the SHA-256").isEqualTo(new Run(PROFILE));
        assertThat(resolve(operations, PROFILE, Map.of())).as("by body").isEqualTo(new Run(PROFILE));
        String reformatted = "query Profile {\n  me {\n    id\n    name\n  }\n}";
        assertThat(resolve(operations, reformatted, Map.of())).as("by body, formatted otherwise").isEqualTo(new Run(reformatted));

        Rejected refused = new Rejected(403, "QUERY_NOT_IN_SAFELIST", "The operation body was not found in the persisted query safelist", true);
        assertThat(resolve(operations, UNLISTED, Map.of())).isEqualTo(refused);
        assertThat(resolve(operations, "{ __schema { queryType { name } } }", Map.of())).as("introspection is off").isEqualTo(refused);
        assertThat(resolve(operations, UNLISTED, apq(OperationBody.sha256(UNLISTED)))).as("nor can APQ register it").isEqualTo(refused);
        assertThat(resolve(operations, null, apq(OperationBody.sha256(UNLISTED)))).isEqualTo(PersistedOperations.NOT_FOUND);
        assertThat(resolve(operations, "query {", Map.of())).as("a syntax error is the edge's to report").isEqualTo(new Run("query {"));
    }

    @Test
    void safelistLetsIntrospectionThroughWhileItIsEnabled() {
        PersistedOperations operations = new PersistedOperations(null, MANIFEST, Mode.SAFELIST, true);
        String introspection = "query IntrospectionQuery { __schema { ...Types } } fragment Types on __Schema { types { name } }";

        assertThat(resolve(operations, introspection, Map.of())).isEqualTo(new Run(introspection));
        assertThat(resolve(operations, "{ __typename me { id } }", Map.of())).isEqualTo(PersistedOperations.NOT_IN_SAFELIST);
    }

    @Test
    void idOnlyRunsIdsAndNothingElse() {
        PersistedOperations operations = new PersistedOperations(PersistedQueryStore.local(100), MANIFEST, Mode.ID_ONLY, true);

        assertThat(resolve(operations, null, apq("order-v1"))).isEqualTo(new Run(ORDER));
        assertThat(resolve(operations, PROFILE, Map.of())).as("even a listed body").isEqualTo(PersistedOperations.ID_REQUIRED);
        assertThat(resolve(operations, PROFILE, apq(PROFILE_ID))).isEqualTo(PersistedOperations.ID_REQUIRED);
        assertThat(resolve(operations, null, apq("order-v2"))).isEqualTo(
                new Rejected(404, "PERSISTED_QUERY_NOT_IN_LIST", "Persisted query 'order-v2' not found in the persisted query list", true));
        assertThat(((Rejected) PersistedOperations.ID_REQUIRED).status()).isEqualTo(400);
    }

    @Test
    void aManifestWithoutApqAnswersUnknownIdsAsNotInTheList() {
        PersistedOperations operations = new PersistedOperations(null, MANIFEST, Mode.OFF, true);

        assertThat(resolve(operations, null, apq("order-v1"))).isEqualTo(new Run(ORDER));
        assertThat(resolve(operations, null, apq("nope"))).extracting("status", "code").containsExactly(404, "PERSISTED_QUERY_NOT_IN_LIST");
        assertThat(resolve(operations, PROFILE, apq(PROFILE_ID))).isEqualTo(PersistedOperations.ID_AND_BODY);
        assertThat(resolve(operations, UNLISTED, Map.of())).isEqualTo(new Run(UNLISTED));
    }

    @Test
    void auditRunsUnknownOperationsAndLogsEachShapeOnce() {
        PersistedOperations operations = new PersistedOperations(PersistedQueryStore.local(100), MANIFEST, Mode.AUDIT, true);

        assertThat(resolve(operations, "query Users { users(first: 100) { id name } }", Map.of())).isInstanceOf(Run.class);
        assertThat(resolve(operations, "query Users {\n users(first: 5) { id name }\n}", Map.of())).as("same shape").isInstanceOf(Run.class);
        assertThat(resolve(operations, "query Users { users(first: 5) { name } }", Map.of())).as("another shape").isInstanceOf(Run.class);
        assertThat(resolve(operations, PROFILE, Map.of())).isEqualTo(new Run(PROFILE));

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "operation not in the persisted-query manifest (audit mode lets it run): query Users{users(first:0){id name}}",
                "operation not in the persisted-query manifest (audit mode lets it run): query Users{users(first:0){name}}");
    }

    @Test
    void aModeThatChecksNeedsAManifest() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PersistedOperations(null, OperationManifest.EMPTY, Mode.ID_ONLY, true))
                .hasMessage("mode id-only needs a manifest with at least one operation (fedbff.persisted-queries.manifest)");
    }
}
