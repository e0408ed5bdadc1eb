package dev.fedbff.gateway.core;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** JSON in and out: parsed as plain maps, lists and scalars or into a given type; written from those and from {@link JsonObject}s. */
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

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Writes a {@link JsonObject}'s members in their order. */
    private static final class JsonObjectSerializer extends ValueSerializer<JsonObject> {
        @Override
        public void serialize(JsonObject object, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(object, object.size());
            for (int i = 0; i < object.size(); i++) {
                generator.writeName(object.key(i));
                generator.writePOJO(object.value(i));
            }
            generator.writeEndObject();
        }
    }
}
