package dev.fedbff.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how much heap a process of the system holds once garbage is gone, with the JDK's {@code jcmd}: a full
 * collection ({@code GC.run}), then the heap's used size ({@code GC.heap_info}), as an operator would check it.
 */
final class HeapGauge {

    /** Every collector prints its spaces as "... total 12345K, used 678K ...". */
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private HeapGauge() {
    }

    /** Bytes of heap in use right after a full collection. */
    static long usedAfterFullGc(JavaProcess process) {
        long pid = process.process().pid();
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long usedKb = 0;
        Matcher matcher = USED.matcher(info);
        boolean found = false;
        while (matcher.find()) {
            usedKb += Long.parseLong(matcher.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap usage in jcmd GC.heap_info of " + process.name() + ":\n" + info);
        }
        return usedKb * 1024;
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command)).redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(30, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
