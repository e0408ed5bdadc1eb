package dev.fedbff.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Watches the schema folder (or the folder of the supergraph file) on a thread of its own and reloads once the files
 * have stayed unchanged for the debounce time after a change: an editor's save or a deployment writing several files
 * causes one reload, not one per file.
 */
final class SchemaWatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaWatcher.class);

    private final Path folder;
    private final Predicate<Path> relevant;
    private final Duration debounce;
    private final SchemaReloader reloader;
    private volatile WatchService service;
    private volatile boolean running;

    private SchemaWatcher(Path folder, Predicate<Path> relevant, Duration debounce, SchemaReloader reloader) {
        this.folder = folder;
        this.relevant = relevant;
        this.debounce = debounce;
        this.reloader = reloader;
    }

    /** Watches what {@code schema} serves: the supergraph file when one is set, else the schema folder. */
    static SchemaWatcher of(GatewayProperties.Schema schema, SchemaReloader reloader) {
        Duration debounce = schema.reload().debounce();
        if (schema.supergraph() != null && !schema.supergraph().isBlank()) {
            Path file = Path.of(schema.supergraph()).toAbsolutePath().normalize();
            Path name = file.getFileName();
            // "..data" and the like: a Kubernetes ConfigMap volume swaps a symlink rather than the file
            return new SchemaWatcher(file.getParent(), changed -> changed.equals(name) || changed.toString().startsWith(".."), debounce, reloader);
        }
        return new SchemaWatcher(Path.of(schema.location()).toAbsolutePath().normalize(), changed -> true, debounce, reloader);
    }

    @Override
    public void start() {
        if (!Files.isDirectory(folder)) {
            LOG.warn("Schema reload: {} is not a folder, nothing is watched", folder);
            return;
        }
        try {
            service = FileSystems.getDefault().newWatchService();
            folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + folder + " for schema changes", e);
        }
        running = true;
        Thread thread = new Thread(this::watch, "fedbff-schema-watcher");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Schema reload: watching {} (debounce {} ms)", folder, debounce.toMillis());
    }

    private void watch() {
        try {
            while (running) {
                boolean changed = drain(service.take());
                WatchKey more;
                while ((more = service.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    changed |= drain(more);
                }
                if (changed) {
                    reloader.reload("change in " + folder);
                }
            }
        } catch (ClosedWatchServiceException e) {
            // stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Schema reload: watching {} stopped", folder, e);
        }
    }

    private boolean drain(WatchKey key) {
        boolean changed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            changed |= event.kind() == StandardWatchEventKinds.OVERFLOW || event.context() instanceof Path path && relevant.test(path);
        }
        if (!key.reset()) {
            LOG.warn("Schema reload: {} can no longer be watched (removed?)", folder);
        }
        return changed;
    }

    @Override
    public void stop() {
        running = false;
        WatchService watching = service;
        if (watching != null) {
            try {
                watching.close();
            } catch (IOException e) {
                LOG.debug("closing the schema watcher", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
