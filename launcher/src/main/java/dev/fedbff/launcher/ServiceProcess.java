package dev.fedbff.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A started service: its child process and the log file that receives its stdout and stderr (appended to on restarts). */
final class ServiceProcess {

    private final Service service;
    private final Process process;
    private final Path log;

    private ServiceProcess(Service service, Process process, Path log) {
        this.service = service;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(Service service, List<String> arguments, Path root, Path logDir, String java) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(service.jvmOptions());
        command.addAll(List.of("-jar", service.jar(root).toString()));
        command.addAll(arguments);
        Path log = logDir.resolve(service.name() + ".log");
        Process process = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ServiceProcess(service, process, log);
    }

    Service service() {
        return service;
    }

    String name() {
        return service.name();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<ServiceProcess> onExit() {
        return process.onExit().thenApply(exited -> this);
    }

    int exitCode() {
        return process.exitValue();
    }

    Path log() {
        return log;
    }

    String tail(int lines) {
        List<String> all = readLog();
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return "--- last " + last.size() + " lines of " + log + " ---\n" + String.join("\n", last);
    }

    void requestStop() {
        process.destroy();
    }

    void awaitStop(Instant forceAt) {
        long graceMillis = Math.max(0, Duration.between(Instant.now(), forceAt).toMillis());
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private List<String> readLog() {
        try {
            return List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\\R"));
        } catch (IOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }
}
