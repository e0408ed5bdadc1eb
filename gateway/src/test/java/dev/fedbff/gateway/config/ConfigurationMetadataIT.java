package dev.fedbff.gateway.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata in the built gateway jar (what IDEs complete) and the README's configuration blocks
 * describe the same settings: every {@code fedbff.*} key a README YAML block writes exists, and every setting in the
 * metadata appears in the README, with a description.
 */
class ConfigurationMetadataIT {

    static final Path README = Path.of("..", "README.md");
    static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theJarCarriesMetadataWithADescriptionForEverySetting() throws IOException {
        JsonNode metadata = jarMetadata();
        List<String> undescribed = new ArrayList<>();
        int settings = 0;
        for (JsonNode property : metadata.path("properties")) {
            if (property.path("name").asString().startsWith("fedbff.")) {
                settings++;
                if (property.path("description").asString("").isBlank()) {
                    undescribed.add(property.path("name").asString());
                }
            }
        }
        assertThat(settings).isGreaterThan(50);
        assertThat(undescribed).as("settings without a description").isEmpty();
        assertThat(metadata.toString()).contains("\"defaultValue\":\"10s\"", "\"name\":\"fedbff.resilience.request-timeout\"");
    }

    @Test
    void everyKeyTheReadmeDocumentsIsAValidSetting() throws IOException {
        SettingNames names = SettingNames.fromClassPath(getClass().getClassLoader());
        List<String> unknown = readmeKeys().stream()
                .map(names::check).flatMap(Optional::stream)
                .map(found -> found.name() + " (nearest: " + found.nearest() + ")").toList();
        assertThat(unknown).as("README keys that are no setting").isEmpty();
    }

    @Test
    void everySettingIsDocumentedInTheReadme() throws IOException {
        SettingNames names = SettingNames.fromClassPath(getClass().getClassLoader());
        List<ConfigurationPropertyName> documented = readmeKeys().stream().map(key -> ConfigurationPropertyName.adapt(key, '.')).toList();
        List<String> undocumented = names.names().stream()
                .filter(setting -> {
                    ConfigurationPropertyName name = ConfigurationPropertyName.of(setting);
                    return documented.stream().noneMatch(key -> name.equals(key) || name.isAncestorOf(key));
                }).toList();
        assertThat(undocumented).as("settings missing from the README's configuration blocks").isEmpty();
    }

    /** Every leaf key under {@code fedbff} in the README's YAML blocks, e.g. {@code fedbff.routes[0].path}. */
    static TreeSet<String> readmeKeys() throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        Matcher blocks = YAML_BLOCK.matcher(Files.readString(README));
        while (blocks.find()) {
            for (Object document : new Yaml().loadAll(blocks.group(1))) {
                if (document instanceof Map<?, ?> map && map.containsKey("fedbff")) {
                    flatten("fedbff", map.get("fedbff"), keys);
                }
            }
        }
        assertThat(keys).as("fedbff keys in the README").hasSizeGreaterThan(50);
        return keys;
    }

    private static void flatten(String prefix, Object value, TreeSet<String> keys) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((key, child) -> flatten(prefix + "." + key, child, keys));
        } else if (value instanceof List<?> list && list.stream().anyMatch(Map.class::isInstance)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), keys);
            }
        } else {
            keys.add(prefix);
        }
    }

    private static JsonNode jarMetadata() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("gateway-.*\\.jar") && !f.toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no gateway jar in target/: run the ITs with verify"));
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry("META-INF/spring-configuration-metadata.json");
            assertThat(entry).as("configuration metadata in " + jar).isNotNull();
            try (InputStream in = file.getInputStream(entry)) {
                return JsonMapper.builder().build().readTree(in);
            }
        }
    }
}
