package dev.fedbff.gateway.core;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON in and out. Answers are read straight into the engine's values ({@link #tree}: {@link JsonObject}s, lists and
 * scalars, one pass of the streaming parser, no map per object); other input into a given type or plain maps.
 * Writing walks {@link JsonObject}s, lists and scalars straight into the generator, to bytes or into a stream such as
 * the response's buffer.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("fedbff-json").addSerializer(JsonObject.class, new JsonObjectSerializer()))
            .build();

    private Json() {
    }

    /** Parses JSON, or throws {@link IllegalArgumentException} naming what is wrong. */
    public static Object read(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, Object.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** Reads JSON into {@code type}, or throws {@link IllegalArgumentException} naming what is wrong (not JSON, or not its shape). */
    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses JSON into a JSON value: {@link JsonObject} (members in the order sent; a repeated member keeps its first
     * place and its last value), {@link List}, {@link String}, {@link Boolean}, {@code null}, and numbers as the plain
     * read gives them ({@link Integer}, {@link Long} or {@link java.math.BigInteger} for integers, {@link Double}
     * otherwise). Throws {@link IllegalArgumentException} naming what is wrong, as {@link #read(byte[])} does.
     */
    public static @Nullable Object tree(byte[] bytes) {
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("No content to map due to end-of-input");
            }
            Object value = value(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new IllegalArgumentException("Trailing token (`" + trailing + "`) found after value");
            }
            return value;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** The JSON value starting at the parser's current token, read to its end. */
    static @Nullable Object value(JsonParser parser) {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> list(parser);
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("Unexpected token (" + parser.currentToken() + ")");
        };
    }

    private static JsonObject object(JsonParser parser) {
        JsonObject object = new JsonObject();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            parser.nextToken();
            object.put(name, value(parser));
        }
        return object;
    }

    private static List<Object> list(JsonParser parser) {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(parser));
        }
        return list;
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Writes {@code value} as JSON into {@code out} (e.g. the response's buffer), without a byte array in between. */
    public static void write(@Nullable Object value, OutputStream out) {
        try {
            MAPPER.writeValue(out, value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a JSON value: {@link JsonObject}s, lists and the common scalars directly, anything else as Jackson does. */
    private static void writeValue(JsonGenerator generator, @Nullable Object value) {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof JsonObject object) {
            writeObject(generator, object);
        } else if (value instanceof List<?> list) {
            generator.writeStartArray(list, list.size());
            for (int i = 0; i < list.size(); i++) {
                writeValue(generator, list.get(i));
            }
            generator.writeEndArray();
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else {
            generator.writePOJO(value);
        }
    }

    private static void writeObject(JsonGenerator generator, JsonObject object) {
        generator.writeStartObject(object, object.size());
        for (int i = 0; i < object.size(); i++) {
            generator.writeName(object.key(i));
            writeValue(generator, object.value(i));
        }
        generator.writeEndObject();
    }

    /** Writes a {@link JsonObject}'s members in their order. */
    private static final class JsonObjectSerializer extends ValueSerializer<JsonObject> {
        @Override
        public void serialize(JsonObject object, JsonGenerator generator, SerializationContext context) {
            writeObject(generator, object);
        }
    }

    /**
     * Reads a bound property as a JSON value ({@link #tree}'s types), for records and classes read with
     * {@link #read(byte[], Class)} whose property holds a subgraph's data or extensions.
     */
    public static final class TreeDeserializer extends ValueDeserializer<Object> {
        @Override
        public @Nullable Object deserialize(JsonParser parser, DeserializationContext context) {
            return value(parser);
        }
    }
}
