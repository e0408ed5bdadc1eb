package dev.fedbff.gateway.compose;

import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.SDLDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.Value;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names a subgraph uses for the federation and connector directives, from its {@code @link}s: an import keeps
 * the name ({@code @key}) or renames it ({@code {name: "@key", as: "@primaryKey"}}); anything not imported is
 * namespaced ({@code @federation__requires}, or the link's {@code as}). A subgraph without a federation link is
 * Federation 1 and uses the plain names.
 */
final class DirectiveNames {

    private static final Map<String, Set<String>> SPECS = Map.of(
            "federation", Set.of("key", "shareable", "external", "requires", "provides", "override", "inaccessible", "tag",
                    "extends", "interfaceObject", "composeDirective", "authenticated", "requiresScopes", "policy", "cost", "listSize"),
            "connect", Set.of("source", "connect"));

    private final Map<String, String> local;
    private final boolean federation2;
    private final int federationVersion;
    private final Directive federationLink;

    private DirectiveNames(Map<String, String> local, boolean federation2, int federationVersion, Directive federationLink) {
        this.local = local;
        this.federation2 = federation2;
        this.federationVersion = federationVersion;
        this.federationLink = federationLink;
    }

    static DirectiveNames of(Document document) {
        Map<String, String> local = new HashMap<>();
        boolean federation2 = false;
        int version = 100;
        Directive federationLink = null;
        for (SDLDefinition<?> definition : document.getDefinitionsOfType(SDLDefinition.class)) {
            if (!(definition instanceof SchemaDefinition schema)) {
                continue;
            }
            for (Directive link : schema.getDirectives("link")) {
                String spec = spec(link);
                if (spec != null) {
                    federation2 |= spec.equals("federation");
                    readLink(spec, link, local);
                }
                if ("federation".equals(spec)) {
                    version = version(link);
                    federationLink = link;
                }
            }
        }
        return new DirectiveNames(local, federation2, version, federationLink);
    }

    /** The local name of a directive of either spec, e.g. {@code key} → {@code primaryKey}. */
    String of(String canonical) {
        return local.getOrDefault(canonical, canonical);
    }

    boolean federation2() {
        return federation2;
    }

    /** The linked federation version as {@code major * 100 + minor} ({@code v2.3} is 203); 100 for Federation 1. */
    int federationVersion() {
        return federationVersion;
    }

    /** The {@code @link} to the federation spec, or null for Federation 1. */
    Directive federationLink() {
        return federationLink;
    }

    /** Whether the federation link imports {@code @name} by its own name or a rename. */
    boolean imports(String name) {
        return federationLink != null && !local.getOrDefault(name, "").contains("__");
    }

    private static int version(Directive link) {
        String url = ((StringValue) link.getArgument("url").getValue()).getValue().replaceAll("/+$", "");
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("v(\\d+)\\.(\\d+)$").matcher(url);
        return version.find() ? Integer.parseInt(version.group(1)) * 100 + Integer.parseInt(version.group(2)) : 200;
    }

    private static String spec(Directive link) {
        if (!(link.getArgument("url") != null && link.getArgument("url").getValue() instanceof StringValue url)) {
            return null;
        }
        String[] segments = url.getValue().replaceAll("/+$", "").split("/");
        if (segments.length < 2) {
            return null;
        }
        String name = segments[segments.length - 2];
        return SPECS.containsKey(name) ? name : null;
    }

    private static void readLink(String spec, Directive link, Map<String, String> local) {
        String namespace = link.getArgument("as") != null && link.getArgument("as").getValue() instanceof StringValue as
                ? as.getValue().replace("@", "") : spec;
        for (String name : SPECS.get(spec)) {
            local.put(name, namespace + "__" + name);
        }
        Value<?> imports = link.getArgument("import") == null ? null : link.getArgument("import").getValue();
        List<Value> items = imports instanceof ArrayValue array ? array.getValues() : List.of();
        for (Value<?> item : items) {
            if (item instanceof StringValue name && name.getValue().startsWith("@")) {
                local.put(name.getValue().substring(1), name.getValue().substring(1));
            } else if (item instanceof ObjectValue renamed) {
                String name = field(renamed, "name");
                String as = field(renamed, "as");
                if (name != null && name.startsWith("@")) {
                    local.put(name.substring(1), as == null ? name.substring(1) : as.replace("@", ""));
                }
            }
        }
    }

    private static String field(ObjectValue object, String name) {
        return object.getObjectFields().stream().filter(f -> f.getName().equals(name)).map(ObjectField::getValue)
                .filter(v -> v instanceof StringValue).map(v -> ((StringValue) v).getValue()).findFirst().orElse(null);
    }
}
