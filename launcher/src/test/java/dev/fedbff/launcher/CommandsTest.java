package dev.fedbff.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    @TempDir
    Path root;

    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    Commands commands() {
        Supervisor supervisor = new Supervisor(new Supervisor.Launch(root, root, "java", "secret", Service.ALL, LocalRun.STARTUP_TIMEOUT), out);
        return new Commands(supervisor, out);
    }

    @Test
    void statusListsEveryServiceAsStoppedBeforeAnyStarted() {
        commands().run("status");

        assertThat(output.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "  users       stopped", "  orders      stopped", "  products    stopped",
                "  payments    stopped", "  web-bff     stopped", "  mobile-bff  stopped");
    }

    @Test
    void stoppingAServiceThatIsNotRunningSaysSo() {
        commands().run("stop payments");

        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("payments is not running." + System.lineSeparator());
    }

    @Test
    void anUnknownCommandOrServiceGetsTheList() {
        Commands commands = commands();
        commands.run("restart payments");
        commands.run("stop billing");
        commands.run("   ");

        assertThat(output.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly(Commands.HELP, "Name a service: " + Commands.HELP);
    }

    @Test
    void helpNamesEveryService() {
        assertThat(Commands.HELP).contains(String.join(", ", List.of("users", "orders", "products", "payments", "web-bff", "mobile-bff")));
    }
}
