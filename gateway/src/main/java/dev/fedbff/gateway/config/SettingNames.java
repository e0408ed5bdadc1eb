package dev.fedbff.gateway.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every valid {@code fedbff.*} setting, read from the configuration metadata that {@code spring-boot-configuration-processor}
 * generates into the jar ({@code META-INF/spring-configuration-metadata.json}). A name is valid when the metadata lists
 * it, or when it lies below a map or list setting and names, level by level, the keys, indexes and fields of that
 * setting's value type ({@code fedbff.resilience.services.payments.timeout}). An invalid name comes with the valid name
 * nearest to it.
 */
final class SettingNames {

    static final String PREFIX = "fedbff";
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /** An unknown setting and the valid one nearest to it. */
    record Unknown(String name, String nearest) {
    }

    /** Setting name to its Java type (a class, or a parameterized map or list); null when the type cannot be resolved. */
    private final Map<String, @Nullable Type> settings;

    private SettingNames(Map<String, @Nullable Type> settings) {
        this.settings = settings;
    }

    /** The {@code fedbff.*} settings in every configuration metadata file on the class path. */
    static SettingNames fromClassPath(ClassLoader loader) {
        Map<String, @Nullable Type> settings = new TreeMap<>();
        try {
            Enumeration<URL> files = loader.getResources(METADATA);
            while (files.hasMoreElements()) {
                read(files.nextElement(), loader, settings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + METADATA, e);
        }
        return new SettingNames(settings);
    }

    /** The settings the metadata lists, sorted: {@code fedbff.services}, {@code fedbff.auth.issuer}, ... */
    Collection<String> names() {
        return settings.keySet();
    }

    /** Whether {@code name} is listed in the metadata, rather than only valid below a map or list setting. */
    boolean listed(String name) {
        return settings.containsKey(name);
    }

    /**
     * Checks one name as Spring binds it (any of {@code max-depth}, {@code maxDepth}, {@code max_depth}); empty when
     * it is valid or not under {@code fedbff}.
     */
    Optional<Unknown> check(String name) {
        ConfigurationPropertyName property = ConfigurationPropertyName.adapt(name, '.');
        if (property.getNumberOfElements() < 2 || !uniform(property.getElement(0, ConfigurationPropertyName.Form.UNIFORM)).equals(PREFIX)) {
            return Optional.empty();
        }
        for (Map.Entry<String, @Nullable Type> setting : settings.entrySet()) {
            ConfigurationPropertyName known = ConfigurationPropertyName.of(setting.getKey());
            if (known.equals(property) || known.isAncestorOf(property)) {
                return below(setting.getKey(), setting.getValue(), property, known.getNumberOfElements());
            }
        }
        return Optional.of(new Unknown(name, nearest(property.toString(), settings.keySet())));
    }

    /**
     * Checks an environment variable ({@code FEDBFF_AUTH_HS256_SECRET}); Spring maps {@code _} to both {@code .} and
     * {@code -}, so a variable is valid when it spells a setting, or starts with a map or list setting.
     */
    Optional<Unknown> checkVariable(String variable) {
        if (!variable.toLowerCase(Locale.ROOT).startsWith(PREFIX + "_")) {
            return Optional.empty();
        }
        String flat = flat(variable);
        boolean known = settings.entrySet().stream().anyMatch(s -> flat.equals(flat(s.getKey()))
                || (container(s.getValue()) && flat.startsWith(flat(s.getKey()))));
        if (known) {
            return Optional.empty();
        }
        List<String> variables = settings.keySet().stream().map(SettingNames::variable).toList();
        return Optional.of(new Unknown(variable, nearest(variable, variables)));
    }

    /** The environment variable of a setting: {@code fedbff.rate-limit.redis.uri} is {@code FEDBFF_RATE_LIMIT_REDIS_URI}. */
    static String variable(String setting) {
        return setting.replaceAll("[.\\-\\[\\]]+", "_").replaceAll("_$", "").toUpperCase(Locale.ROOT);
    }

    private Optional<Unknown> below(String setting, @Nullable Type type, ConfigurationPropertyName property, int from) {
        StringBuilder valid = new StringBuilder(setting);
        Type current = type;
        for (int i = from; i < property.getNumberOfElements() && current != null; i++) {
            String element = property.getElement(i, ConfigurationPropertyName.Form.DASHED);
            if (current instanceof ParameterizedType map && Map.class.isAssignableFrom(raw(map))) {
                valid.append('.').append(element);
                current = map.getActualTypeArguments()[1];
            } else if (current instanceof ParameterizedType list && Collection.class.isAssignableFrom(raw(list))) {
                if (!property.isNumericIndex(i)) {
                    return Optional.of(new Unknown(property.toString(), valid + "[0]"));
                }
                valid.append('[').append(element).append(']');
                current = list.getActualTypeArguments()[0];
            } else if (current instanceof Class<?> record && record.isRecord()) {
                Optional<RecordComponent> component = component(record, element);
                if (component.isEmpty()) {
                    return Optional.of(new Unknown(property.toString(), valid + "." + nearest(element, fieldNames(record))));
                }
                valid.append('.').append(dashed(component.get().getName()));
                current = component.get().getGenericType();
            } else {
                return Optional.of(new Unknown(property.toString(), valid.toString()));
            }
        }
        return Optional.empty();
    }

    private static Optional<RecordComponent> component(Class<?> record, String element) {
        String wanted = uniform(element);
        for (RecordComponent component : record.getRecordComponents()) {
            if (uniform(component.getName()).equals(wanted)) {
                return Optional.of(component);
            }
        }
        return Optional.empty();
    }

    private static List<String> fieldNames(Class<?> record) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            names.add(dashed(component.getName()));
        }
        return names;
    }

    private static void read(URL file, ClassLoader loader, Map<String, @Nullable Type> settings) throws IOException {
        JsonNode metadata;
        try (InputStream in = file.openStream()) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        for (JsonNode property : metadata.path("properties")) {
            String name = property.path("name").asString();
            if (name.startsWith(PREFIX + ".")) {
                settings.put(name, type(name, property.path("sourceType").asString(null), loader));
            }
        }
    }

    /** The generic type of the record component the setting binds to, found through the metadata's source type. */
    private static @Nullable Type type(String name, @Nullable String sourceType, ClassLoader loader) {
        if (sourceType == null) {
            return null;
        }
        try {
            Class<?> source = Class.forName(sourceType, false, loader);
            String field = name.substring(name.lastIndexOf('.') + 1);
            return source.isRecord() ? component(source, field).map(RecordComponent::getGenericType).orElse(null) : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static boolean container(@Nullable Type type) {
        return type == null || type instanceof ParameterizedType p && (Map.class.isAssignableFrom(raw(p)) || Collection.class.isAssignableFrom(raw(p)))
                || type instanceof Class<?> c && c.isRecord();
    }

    private static Class<?> raw(ParameterizedType type) {
        return (Class<?>) type.getRawType();
    }

    /** The valid candidate with the fewest edits from {@code name} (Levenshtein distance; ties: the first in order). */
    static String nearest(String name, Collection<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt((String candidate) -> distance(name, candidate))).orElse(PREFIX);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String dashed(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String uniform(String element) {
        return element.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /** Letters and digits only, lower case: how a variable and a setting are compared, since {@code _} may stand for {@code .} or {@code -}. */
    private static String flat(String name) {
        return uniform(name);
    }
}
