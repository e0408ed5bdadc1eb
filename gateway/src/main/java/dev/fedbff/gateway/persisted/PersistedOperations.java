package dev.fedbff.gateway.persisted;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.fedbff.gateway.core.JsonObject;
import graphql.language.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a request's {@code query} and {@code extensions.persistedQuery} into the operation text to run, or a rejection,
 * as Apollo Router does: automatic persisted queries (a hash alone runs the query registered under it; a hash with its
 * query registers it; a miss asks the client for the query) and trusted documents (a manifest's operations run by id,
 * and the {@link Mode} decides what happens to every other operation).
 */
public final class PersistedOperations {

    /** What happens to operations that are not in the manifest. */
    public enum Mode {
        /** They run. */
        OFF,
        /** They run, and each new shape is logged once (WARN) so that the manifest can be completed. */
        AUDIT,
        /** Only the manifest's operations run, sent by id or as text; introspection too while it is enabled. */
        SAFELIST,
        /** Only the manifest's operations run, and only by id. */
        ID_ONLY
    }

    /** The outcome for one request. */
    public sealed interface Resolution {
    }

    /** Run this operation text; null when the request has none, which the caller answers as it always does. */
    public record Run(@Nullable String query) implements Resolution {
    }

    /**
     * Answer with this GraphQL error instead.
     *
     * @param uncacheable whether the answer must carry {@code Cache-Control: private, no-cache, must-revalidate}
     *                    (the same request may succeed a moment later)
     */
    public record Rejected(int status, String code, String message, boolean uncacheable) implements Resolution {
    }

    /** The value Apollo Router gives {@code Cache-Control} on persisted-query misses. */
    public static final String DO_NOT_CACHE = "private, no-cache, must-revalidate";

    static final Rejected NOT_FOUND = new Rejected(200, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound", true);
    static final Rejected NOT_SUPPORTED = new Rejected(200, "PERSISTED_QUERY_NOT_SUPPORTED", "PersistedQueryNotSupported", false);
    static final Rejected HASH_MISMATCH = new Rejected(400, "PERSISTED_QUERY_HASH_MISMATCH", "provided sha does not match query", false);
    static final Rejected NOT_IN_SAFELIST = new Rejected(403, "QUERY_NOT_IN_SAFELIST",
            "The operation body was not found in the persisted query safelist", true);
    static final Rejected ID_REQUIRED = new Rejected(400, "PERSISTED_QUERY_ID_REQUIRED",
            "This endpoint does not allow freeform GraphQL requests; operations must be sent by ID in the persisted queries GraphQL extension.", false);
    static final Rejected ID_AND_BODY = new Rejected(400, "CANNOT_SEND_PQ_ID_AND_BODY",
            "Sending a persisted query ID and a body in the same request is disallowed", true);

    private static final Logger log = LoggerFactory.getLogger(PersistedOperations.class);
    /** How many characters of operation texts and shapes are remembered for the checks and the audit log. */
    private static final long REMEMBERED_CHARS = 16_000_000;

    /** What is known about an operation text that is not listed exactly as sent. */
    private enum Verdict {
        LISTED, INTROSPECTION, UNLISTED, NOT_GRAPHQL
    }

    private final @Nullable PersistedQueryStore store;
    private final OperationManifest manifest;
    private final Mode mode;
    private final boolean introspection;
    private final Cache<String, Verdict> verdicts = Caffeine.newBuilder().maximumWeight(REMEMBERED_CHARS)
            .<String, Verdict>weigher((text, verdict) -> text.length()).build();
    private final Cache<String, Boolean> loggedShapes = Caffeine.newBuilder().maximumWeight(REMEMBERED_CHARS)
            .<String, Boolean>weigher((shape, logged) -> shape.length()).build();

    /**
     * @param store         where automatic persisted queries are kept; null turns them off
     * @param introspection whether introspection-only operations pass the {@code safelist} mode (they do in Apollo
     *                      Router while introspection is enabled)
     */
    public PersistedOperations(@Nullable PersistedQueryStore store, OperationManifest manifest, Mode mode, boolean introspection) {
        if (mode != Mode.OFF && manifest.isEmpty()) {
            throw new IllegalArgumentException("mode " + mode.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " needs a manifest with at least one operation (fedbff.persisted-queries.manifest)");
        }
        this.store = store;
        this.manifest = manifest;
        this.mode = mode;
        this.introspection = introspection;
    }

    /** Nothing persisted and nothing checked: every request runs what it sent; a persisted-query hash is refused. */
    public static PersistedOperations none() {
        return new PersistedOperations(null, OperationManifest.EMPTY, Mode.OFF, true);
    }

    /**
     * @param query         the request's {@code query}; null when it sent none
     * @param operationName the request's {@code operationName}, for the shape logged in {@code audit} mode
     * @param extensions    the request's {@code extensions} (empty when it sent none)
     */
    public Mono<Resolution> resolve(@Nullable String query, @Nullable String operationName, JsonObject extensions) {
        Object persisted = extensions.get("persistedQuery");
        if (persisted == null) {
            return Mono.just(freeform(query, operationName));
        }
        if (!(persisted instanceof JsonObject fields) || !Integer.valueOf(1).equals(fields.get("version"))
                || !(fields.get("sha256Hash") instanceof String id) || id.isEmpty()) {
            return Mono.just(new Rejected(400, "BAD_REQUEST",
                    "extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<the operation's id or SHA-256>\"}", false));
        }
        return query == null ? byId(id, operationName) : register(id, query, operationName);
    }

    private Resolution freeform(@Nullable String query, @Nullable String operationName) {
        if (query == null || mode == Mode.OFF) {
            return new Run(query);
        }
        return mode == Mode.ID_ONLY ? ID_REQUIRED : checked(query, operationName);
    }

    /** A hash alone: the manifest's operation with that id, else the query registered under that hash. */
    private Mono<Resolution> byId(String id, @Nullable String operationName) {
        Optional<String> listed = manifest.body(id);
        if (listed.isPresent()) {
            return Mono.just(new Run(listed.get()));
        }
        if (store == null || mode == Mode.ID_ONLY) {
            return Mono.just(manifest.isEmpty() ? NOT_SUPPORTED : notInList(id));
        }
        if (!isSha256(id)) {
            return Mono.just(new Rejected(400, "BAD_REQUEST", "extensions.persistedQuery.sha256Hash must be 64 hexadecimal digits", false));
        }
        return store.find(id.toLowerCase(Locale.ROOT))
                .map(query -> checked(query, operationName))
                .defaultIfEmpty(NOT_FOUND);
    }

    /** A hash with its query: registers the query once the hash proves to be its SHA-256, then runs it. */
    private Mono<Resolution> register(String hash, String query, @Nullable String operationName) {
        if (mode == Mode.ID_ONLY) {
            return Mono.just(ID_REQUIRED);
        }
        if (store == null) {
            return Mono.just(manifest.isEmpty() ? NOT_SUPPORTED : ID_AND_BODY);
        }
        String actual = OperationBody.sha256(query);
        if (!actual.equalsIgnoreCase(hash)) {
            return Mono.just(HASH_MISMATCH);
        }
        Resolution resolution = checked(query, operationName);
        return resolution instanceof Run ? store.save(actual, query).thenReturn(resolution) : Mono.just(resolution);
    }

    /** Mode {@code audit} or {@code safelist}: an operation that is not listed is logged, or refused. */
    private Resolution checked(String query, @Nullable String operationName) {
        if (mode == Mode.OFF || manifest.containsExactly(query)) {
            return new Run(query);
        }
        Verdict verdict = verdicts.get(query, this::verdict);
        if (verdict == Verdict.LISTED || verdict == Verdict.NOT_GRAPHQL || verdict == Verdict.INTROSPECTION && introspection) {
            return new Run(query);
        }
        if (mode == Mode.AUDIT) {
            logOnce(query, operationName);
            return new Run(query);
        }
        return NOT_IN_SAFELIST;
    }

    private Verdict verdict(String query) {
        Optional<Document> document = OperationBody.parse(query);
        if (document.isEmpty()) {
            return Verdict.NOT_GRAPHQL;
        }
        if (manifest.contains(document.get())) {
            return Verdict.LISTED;
        }
        return OperationBody.introspectionOnly(document.get()) ? Verdict.INTROSPECTION : Verdict.UNLISTED;
    }

    private void logOnce(String query, @Nullable String operationName) {
        String shape = OperationBody.parse(query).map(document -> OperationBody.shape(document, operationName)).orElse(query);
        if (loggedShapes.asMap().putIfAbsent(shape, Boolean.TRUE) == null) {
            log.warn("operation not in the persisted-query manifest ({} mode lets it run): {}{}",
                    mode.name().toLowerCase(Locale.ROOT), operationName == null ? "" : operationName + ": ", shape);
        }
    }

    private static Rejected notInList(String id) {
        return new Rejected(404, "PERSISTED_QUERY_NOT_IN_LIST", "Persisted query '" + id + "' not found in the persisted query list", true);
    }

    private static boolean isSha256(String hash) {
        return hash.length() == 64 && hash.chars().allMatch(HexFormat::isHexDigit);
    }
}
