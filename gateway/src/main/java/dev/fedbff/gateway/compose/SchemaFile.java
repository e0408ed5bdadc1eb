package dev.fedbff.gateway.compose;

/**
 * One subgraph schema as text. The subgraph's name is the file name without its extension
 * ({@code schema/payments.graphqls} is the subgraph {@code payments}).
 *
 * @param path how errors name the file, e.g. {@code schema/payments.graphqls}
 */
public record SchemaFile(String path, String text) {

    public String subgraphName() {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        int dot = fileName.indexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }
}
