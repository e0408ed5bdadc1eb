package dev.fedbff.gateway.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stops start-up when a {@code fedbff.*} setting in any property source (application.yml, command line, system
 * properties, environment variables) is unknown, so a typo such as {@code fedbff.resilence.timeout} is not silently
 * ignored. Runs once the configuration files are loaded, before any bean is created.
 */
class SettingNamesCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ClassLoader loader = application.getClassLoader() != null ? application.getClassLoader() : SettingNamesCheck.class.getClassLoader();
        SettingNames names = SettingNames.fromClassPath(loader);
        if (names.names().isEmpty()) {
            return;
        }
        List<UnknownSettingException.Finding> findings = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                check(names, enumerable, findings);
            }
        }
        if (!findings.isEmpty()) {
            throw new UnknownSettingException(findings);
        }
    }

    private static void check(SettingNames names, EnumerablePropertySource<?> source, List<UnknownSettingException.Finding> findings) {
        boolean variables = source instanceof SystemEnvironmentPropertySource;
        for (String name : source.getPropertyNames()) {
            Optional<SettingNames.Unknown> unknown = variables ? names.checkVariable(name) : names.check(name);
            unknown.ifPresent(u -> findings.add(new UnknownSettingException.Finding(u.name(), source.getName(), u.nearest())));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
