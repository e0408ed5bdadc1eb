package dev.fedbff.cli;

import dev.fedbff.gateway.compose.CompositionError;
import dev.fedbff.gateway.compose.CompositionException;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.compose.SupergraphPrinter;
import dev.fedbff.gateway.compose.SupergraphSdl;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The schema tool subgraph teams run in CI, without a BFF:
 *
 * <pre>
 * java -jar fedbff-cli.jar compose schema/ [--url users=http://users:4001/graphql ...]
 * java -jar fedbff-cli.jar check schema/ --against OLD --operations manifest.json|folder-of-.graphql
 * </pre>
 *
 * {@code compose} prints the Apollo supergraph SDL (what Apollo Router, Hive Gateway and {@code fedbff.schema.supergraph}
 * load), or every composition error as {@code file:line:column: RULE: message}, exit code 1. {@code check} composes
 * {@code schema/} and reports each change against {@code OLD} (a schema folder or a supergraph file) that breaks an
 * operation: a removed or retyped field, a removed argument, a new required argument; exit code 1 when there is one.
 * Exit code 2: the command itself is wrong.
 */
public final class SchemaTool {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String HELP = """
            usage: fedbff-schema compose SCHEMA_DIR [--url NAME=URL ...]
                   fedbff-schema check SCHEMA_DIR --against OLD_DIR_OR_SUPERGRAPH --operations MANIFEST_JSON_OR_DIR
            """;

    private final PrintStream out;
    private final PrintStream err;

    SchemaTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new SchemaTool(System.out, System.err).run(List.of(args)));
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            err.print(HELP);
            return USAGE;
        }
        try {
            return switch (args.get(0)) {
                case "compose" -> compose(args.subList(1, args.size()));
                case "check" -> check(args.subList(1, args.size()));
                case "-h", "--help", "help" -> {
                    out.print(HELP);
                    yield OK;
                }
                default -> usage("unknown command " + args.get(0));
            };
        } catch (CompositionException e) {
            e.errors().stream().map(CompositionError::toString).forEach(err::println);
            err.println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors"));
            return FAILED;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("fedbff-schema: " + e.getMessage());
            return USAGE;
        }
    }

    private int usage(String problem) {
        err.println("fedbff-schema: " + problem);
        err.print(HELP);
        return USAGE;
    }

    private int compose(List<String> args) {
        String folder = null;
        Map<String, URI> urls = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--url") && i + 1 < args.size()) {
                String[] pair = args.get(++i).split("=", 2);
                if (pair.length != 2) {
                    return usage("--url takes NAME=URL, not " + args.get(i));
                }
                urls.put(pair[0], URI.create(pair[1]));
            } else if (folder == null && !arg.startsWith("--")) {
                folder = arg;
            } else {
                return usage("unexpected argument " + arg);
            }
        }
        if (folder == null) {
            return usage("compose needs the schema folder");
        }
        out.print(SupergraphPrinter.print(read(folder), urls));
        return OK;
    }

    private int check(List<String> args) {
        String folder = null;
        String against = null;
        String operations = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--against") && i + 1 < args.size()) {
                against = args.get(++i);
            } else if (arg.equals("--operations") && i + 1 < args.size()) {
                operations = args.get(++i);
            } else if (folder == null && !arg.startsWith("--")) {
                folder = arg;
            } else {
                return usage("unexpected argument " + arg);
            }
        }
        if (folder == null || against == null || operations == null) {
            return usage("check needs the schema folder, --against and --operations");
        }
        Supergraph next = new SupergraphComposer().compose(read(folder));
        Supergraph old = load(against);
        List<Operations.Source> sources = Operations.read(Path.of(operations));
        List<String> breaks = new ArrayList<>();
        int checked = 0;
        for (Operations.Source source : sources) {
            OperationCheck.Outcome outcome = OperationCheck.check(source, old.apiSchema(), next.apiSchema());
            breaks.addAll(outcome.breaks());
            outcome.notes().forEach(err::println);
            checked++;
        }
        breaks.forEach(out::println);
        out.println(checked + (checked == 1 ? " operation" : " operations") + " checked against " + against + ": "
                + (breaks.isEmpty() ? "no breaking changes" : breaks.size() + (breaks.size() == 1 ? " breaking change" : " breaking changes")));
        return breaks.isEmpty() ? OK : FAILED;
    }

    /** A schema folder composed, or a supergraph file read. */
    private static Supergraph load(String location) {
        Path path = Path.of(location);
        if (Files.isDirectory(path)) {
            return new SupergraphComposer().compose(read(location));
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(location + " is neither a schema folder nor a supergraph file");
        }
        return SupergraphSdl.read(location, text(path));
    }

    /** The {@code *.graphqls} and {@code *.graphql} files of a folder, in name order, as the BFF reads them. */
    static List<SchemaFile> read(String location) {
        Path folder = Path.of(location);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(location + " is not a folder of subgraph schema files");
        }
        String prefix = location.replaceAll("/$", "");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".graphqls") || f.toString().endsWith(".graphql")))
                    .sorted().map(f -> new SchemaFile(prefix + "/" + f.getFileName(), text(f))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
