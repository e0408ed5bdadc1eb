package dev.fedbff.gateway.compose;

import dev.fedbff.gateway.core.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The path-and-query template of an {@code @connect}, e.g. {@code /products?ids={$batch.id->joinNotNull(',')}}.
 * Expressions read {@code $args} (the field's arguments), {@code $this} (the parent entity) or
 * {@code $batch} (every entity of the batch); {@code ->join(',')} and {@code ->joinNotNull(',')} turn a
 * list into one value. Every value is percent-encoded.
 */
public final class UrlTemplate {

    private static final Pattern EXPRESSION = Pattern.compile(
            "\\$(args|this|batch)((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)(?:->(joinNotNull|join)\\('([^']*)'\\))?");

    /** Where an expression reads its value from. */
    public enum Variable { ARGS, THIS, BATCH }

    record Expression(Variable variable, List<String> path, String join, boolean dropNulls) {
    }

    private final String text;
    private final List<Object> parts;

    private UrlTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    public static UrlTemplate parse(String text) {
        List<Object> parts = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int open = text.indexOf('{', pos);
            if (open < 0) {
                parts.add(text.substring(pos));
                break;
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{' in URL template \"" + text + "\"");
            }
            if (open > pos) {
                parts.add(text.substring(pos, open));
            }
            parts.add(expression(text.substring(open + 1, close).strip(), text));
            pos = close + 1;
        }
        return new UrlTemplate(text, parts);
    }

    private static Expression expression(String source, String template) {
        Matcher matcher = EXPRESSION.matcher(source);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unsupported expression {" + source + "} in URL template \"" + template
                    + "\" (expected $args.x, $this.x or $batch.x, optionally ->join(',') or ->joinNotNull(','))");
        }
        Variable variable = Variable.valueOf(matcher.group(1).toUpperCase());
        List<String> path = List.of(matcher.group(2).substring(1).split("\\."));
        return new Expression(variable, path, matcher.group(4), "joinNotNull".equals(matcher.group(3)));
    }

    /** The variables this template reads: tells an entity connector whether it batches. */
    public boolean uses(Variable variable) {
        return parts.stream().anyMatch(part -> part instanceof Expression e && e.variable() == variable);
    }

    /** The argument names read through {@code $args}. */
    public List<String> argumentNames() {
        return parts.stream().filter(part -> part instanceof Expression e && e.variable() == Variable.ARGS)
                .map(part -> ((Expression) part).path().get(0)).toList();
    }

    /**
     * The path and query for one call: {@code $args} read from the field's arguments, {@code $this} from the entity's
     * representation, {@code $batch} from every representation of the batch.
     */
    public String expand(JsonObject args, JsonObject self, List<JsonObject> batch) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else {
                out.append(render((Expression) part, args, self, batch));
            }
        }
        return out.toString();
    }

    private static String render(Expression expression, JsonObject args, JsonObject self, List<JsonObject> batch) {
        if (expression.variable() != Variable.BATCH) {
            Object value = read(expression.variable() == Variable.ARGS ? args : self, expression.path());
            return value instanceof List<?> list ? join(list, expression) : encode(value);
        }
        List<Object> values = new ArrayList<>(batch.size());
        for (JsonObject entity : batch) {
            values.add(read(entity, expression.path()));
        }
        return join(values, expression);
    }

    private static String join(List<?> values, Expression expression) {
        String separator = expression.join() == null ? "," : expression.join();
        List<String> encoded = new ArrayList<>(values.size());
        for (Object value : values) {
            if (value != null || !expression.dropNulls()) {
                encoded.add(encode(value));
            }
        }
        return String.join(separator, encoded);
    }

    /** The value at {@code path} in a representation or in the arguments. */
    private static Object read(Object root, List<String> path) {
        Object current = root;
        for (String segment : path) {
            if (current instanceof JsonObject object) {
                current = object.get(segment);
            } else {
                return null;
            }
        }
        return current;
    }

    static String encode(Object value) {
        if (value == null) {
            return "";
        }
        byte[] bytes = Objects.toString(value).getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
