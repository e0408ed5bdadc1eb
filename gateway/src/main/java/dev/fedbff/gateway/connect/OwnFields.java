package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.ListType;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.parser.Parser;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields a BFF adds to the graph for its client: a schema file in the BFF's module (a Federation 2 subgraph whose
 * name is the file's, e.g. {@code mobile-bff.graphqls} is the subgraph {@code mobile-bff}) and a Java resolver per
 * field. The file is composed with {@code schema/} and planned like any subgraph (entity keys, {@code @requires} on
 * other subgraphs' fields); its fetches run here with graphql-java, in the BFF's process: no socket, no JSON text,
 * the results handed to the plan as values.
 */
public final class OwnFields {

    private static final String CONTEXT_KEY = OwnFieldEnvironment.class.getName();

    private final Schema schema;
    private final GraphQL engine;

    /**
     * A schema file's name and text.
     *
     * @param path how errors name it, e.g. {@code classpath:/mobile-bff.graphqls}
     */
    public record Schema(String path, String text) {

        /** The subgraph's name: the file name without its extension ({@code mobile-bff}). */
        public String subgraph() {
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            int dot = fileName.indexOf('.');
            return dot < 0 ? fileName : fileName.substring(0, dot);
        }
    }

    private OwnFields(Schema schema, GraphQL engine) {
        this.schema = schema;
        this.engine = engine;
    }

    /** Starts the BFF's own fields from a schema file on the class path, such as {@code mobile-bff.graphqls}. */
    public static Builder fromClasspath(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = OwnFields.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the BFF's own schema file " + name + " is not on the class path");
            }
            return new Builder(new Schema("classpath:/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the BFF's own schema file " + name, e);
        }
    }

    /** Starts the BFF's own fields from a schema text; {@code path} names it in errors and gives the subgraph its name. */
    public static Builder of(String path, String text) {
        return new Builder(new Schema(path, text));
    }

    /** The schema file, composed with {@code schema/} into the served graph. */
    public Schema schema() {
        return schema;
    }

    /** The subgraph's name in plans, breakers' absence and logs: the file's name. */
    public String subgraph() {
        return schema.subgraph();
    }

    /**
     * Runs one fetch of the plan in process, against the resolvers. The representations go in as the plan's
     * {@link JsonObject}s (resolvers and key fields read them as they are); graphql-java's result becomes the JSON
     * values a GraphQL subgraph's parsed answer has: nothing is written or read as text.
     */
    Mono<FetchResult> fetch(FetchRequest request) {
        GraphQLCall call = request.graphql();
        Map<String, Object> variables = call.variables().toMap();
        if (request.entity()) {
            variables.put("representations", call.representations());
        }
        OwnFieldEnvironment context = new OwnFieldEnvironment(JsonObject.EMPTY, Map.of(), request.caller(), request.languages());
        ExecutionInput input = ExecutionInput.newExecutionInput(call.operation()).variables(variables)
                .graphQLContext(Map.of(CONTEXT_KEY, context)).build();
        return Mono.fromFuture(() -> engine.executeAsync(input)).map(result -> result(request, result));
    }

    /** graphql-java's result, turned into JSON values once, here at the boundary. */
    private FetchResult result(FetchRequest request, graphql.ExecutionResult result) {
        List<ResponseError> errors = result.getErrors().stream().map(this::error).toList();
        JsonObject data = JsonObject.fromJava(result.getData()) instanceof JsonObject object ? object : null;
        if (!request.entity()) {
            return FetchResult.root(data == null ? JsonObject.EMPTY : data, errors);
        }
        Object entities = data == null ? null : data.get("_entities");
        if (!(entities instanceof List<?> list)) {
            return FetchResult.entities(java.util.Collections.nCopies(request.expectedEntities(), null), errors);
        }
        return FetchResult.entities(new ArrayList<>(list), errors);
    }

    private ResponseError error(GraphQLError error) {
        List<Object> path = error.getPath() == null ? null : new ArrayList<>(error.getPath());
        JsonObject extensions = error.getExtensions() == null ? JsonObject.EMPTY : JsonObject.from(error.getExtensions());
        return ResponseError.fromSubgraph(subgraph(), error.getMessage(), path, extensions);
    }

    /** The schema file and a resolver for each field it adds; {@link #build()} checks that they match. */
    public static final class Builder {

        private final Schema schema;
        private final Map<String, Map<String, OwnFieldResolver>> resolvers = new LinkedHashMap<>();

        private Builder(Schema schema) {
            this.schema = schema;
        }

        /** Resolves {@code type.field}, a field the schema file declares and does not mark {@code @external}. */
        public Builder field(String type, String field, OwnFieldResolver resolver) {
            resolvers.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(field, Objects.requireNonNull(resolver));
            return this;
        }

        /**
         * The own fields, ready to serve. Refuses a resolver for a field the file does not declare, and a field the
         * file declares (neither key nor {@code @external}) without a resolver, naming the file and the field.
         */
        public OwnFields build() {
            Document document = Parser.parse(schema.text());
            Map<String, ObjectTypeDefinition> objects = objects(document);
            List<String> entities = objects.values().stream().filter(o -> !o.getDirectives("key").isEmpty()).map(ObjectTypeDefinition::getName).toList();
            checkResolvers(objects);
            TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(withEntities(document, objects, entities));
            RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().scalar(ANY)
                    .codeRegistry(graphql.schema.GraphQLCodeRegistry.newCodeRegistry().defaultDataFetcher(Builder::member))
                    .type(TypeRuntimeWiring.newTypeWiring("Query").dataFetcher("_entities", env -> env.getArgument("representations")));
            if (!entities.isEmpty()) {
                wiring.type(TypeRuntimeWiring.newTypeWiring("_Entity").typeResolver(env -> env.getSchema()
                        .getObjectType((String) ((JsonObject) env.getObject()).get("__typename"))));
            }
            resolvers.forEach((type, fields) -> {
                TypeRuntimeWiring.Builder typeWiring = TypeRuntimeWiring.newTypeWiring(type);
                fields.forEach((field, resolver) -> typeWiring.dataFetcher(field, fetcher(resolver)));
                wiring.type(typeWiring);
            });
            GraphQLSchema executable = new SchemaGenerator().makeExecutableSchema(registry, wiring.build());
            return new OwnFields(schema, GraphQL.newGraphQL(executable).build());
        }

        private void checkResolvers(Map<String, ObjectTypeDefinition> objects) {
            List<String> problems = new ArrayList<>();
            resolvers.forEach((type, fields) -> fields.keySet().forEach(field -> {
                ObjectTypeDefinition object = objects.get(type);
                if (object == null || object.getFieldDefinitions().stream().noneMatch(f -> f.getName().equals(field))) {
                    problems.add("a resolver for " + type + "." + field + ", which " + schema.path() + " does not declare");
                }
            }));
            objects.values().forEach(object -> object.getFieldDefinitions().stream()
                    .filter(f -> f.getDirectives("external").isEmpty() && !isKeyField(object, f.getName()))
                    .filter(f -> !object.getName().equals("Query") || !f.getName().startsWith("_"))
                    .filter(f -> resolvers.getOrDefault(object.getName(), Map.of()).get(f.getName()) == null && needsResolver(object, objects))
                    .forEach(f -> problems.add(object.getName() + "." + f.getName() + " of " + schema.path() + " has no resolver")));
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the BFF's own fields do not match their schema file: " + String.join("; ", problems));
            }
        }

        /** Fields of entities and root types need a resolver; fields of plain value types are read from the parent's value. */
        private static boolean needsResolver(ObjectTypeDefinition object, Map<String, ObjectTypeDefinition> objects) {
            return !object.getDirectives("key").isEmpty() || List.of("Query", "Mutation").contains(object.getName());
        }

        private static boolean isKeyField(ObjectTypeDefinition object, String field) {
            return object.getDirectives("key").stream().anyMatch(key -> key.getArgument("fields") != null
                    && key.getArgument("fields").getValue() instanceof graphql.language.StringValue fields
                    && List.of(fields.getValue().split("[\\s{}]+")).contains(field));
        }

        private static DataFetcher<Object> fetcher(OwnFieldResolver resolver) {
            return env -> {
                OwnFieldEnvironment request = env.getGraphQlContext().get(CONTEXT_KEY);
                Object source = env.getSource();
                JsonObject entity = source instanceof JsonObject object ? object
                        : source instanceof Map<?, ?> map ? JsonObject.from(map) : JsonObject.EMPTY;
                return resolver.resolve(new OwnFieldEnvironment(entity, env.getArguments(), request.caller(), request.languages()));
            };
        }

        /**
         * A field without a resolver: a representation's member (a key or {@code @requires} field), or a property of
         * the maps and objects resolvers return.
         */
        private static DataFetcher<Object> member(graphql.schema.DataFetcherFactoryEnvironment factory) {
            String name = factory.getFieldDefinition().getName();
            DataFetcher<Object> property = graphql.schema.PropertyDataFetcher.fetching(name);
            return env -> env.getSource() instanceof JsonObject object ? object.get(name) : property.get(env);
        }

        /** Object types by name, extensions merged into their base, federation directives left in place. */
        private static Map<String, ObjectTypeDefinition> objects(Document document) {
            Map<String, ObjectTypeDefinition> objects = new LinkedHashMap<>();
            for (ObjectTypeDefinition object : document.getDefinitionsOfType(ObjectTypeDefinition.class)) {
                ObjectTypeDefinition earlier = objects.get(object.getName());
                ObjectTypeDefinition plain = object instanceof ObjectTypeExtensionDefinition
                        ? ObjectTypeDefinition.newObjectTypeDefinition().name(object.getName()).fieldDefinitions(object.getFieldDefinitions())
                        .directives(object.getDirectives()).description(object.getDescription()).build() : object;
                objects.put(object.getName(), earlier == null ? plain : earlier.transform(b -> b
                        .fieldDefinitions(concat(earlier.getFieldDefinitions(), plain.getFieldDefinitions()))
                        .directives(concat(earlier.getDirectives(), plain.getDirectives()))));
            }
            return objects;
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        /**
         * The file as a plain executable schema: no directives, extensions merged, plus what the planner's entity
         * fetches ask for ({@code scalar _Any}, {@code union _Entity}, {@code Query._entities}).
         */
        private static Document withEntities(Document document, Map<String, ObjectTypeDefinition> objects, List<String> entities) {
            List<Definition> definitions = new ArrayList<>();
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof TypeDefinition<?> type && !(type instanceof ObjectTypeDefinition)) {
                    definitions.add(withoutDirectives(type));
                }
            }
            FieldDefinition entitiesField = FieldDefinition.newFieldDefinition().name("_entities")
                    .inputValueDefinition(InputValueDefinition.newInputValueDefinition().name("representations")
                            .type(NonNullType.newNonNullType(ListType.newListType(NonNullType.newNonNullType(new TypeName("_Any")).build()).build()).build()).build())
                    .type(NonNullType.newNonNullType(ListType.newListType(new TypeName(entities.isEmpty() ? "_Any" : "_Entity")).build()).build()).build();
            Map<String, ObjectTypeDefinition> all = new LinkedHashMap<>(objects);
            ObjectTypeDefinition query = all.getOrDefault("Query", ObjectTypeDefinition.newObjectTypeDefinition().name("Query").build());
            all.put("Query", query.transform(b -> b.fieldDefinitions(concat(query.getFieldDefinitions(), List.of(entitiesField)))));
            all.values().forEach(object -> definitions.add(object.transform(b -> b.directives(List.of()).fieldDefinitions(object.getFieldDefinitions().stream()
                    .map(f -> f.transform(fb -> fb.directives(List.of()))).toList()))));
            definitions.add(graphql.language.ScalarTypeDefinition.newScalarTypeDefinition().name("_Any").build());
            if (!entities.isEmpty()) {
                definitions.add(UnionTypeDefinition.newUnionTypeDefinition().name("_Entity")
                        .memberTypes(entities.stream().<graphql.language.Type>map(TypeName::new).toList()).build());
            }
            return Document.newDocument().definitions(definitions).build();
        }

        private static TypeDefinition<?> withoutDirectives(TypeDefinition<?> type) {
            if (type instanceof graphql.language.EnumTypeDefinition e) {
                return e.transform(b -> b.directives(List.of()).enumValueDefinitions(e.getEnumValueDefinitions().stream()
                        .map(v -> v.transform(vb -> vb.directives(List.of()))).toList()));
            }
            if (type instanceof graphql.language.InputObjectTypeDefinition i) {
                return i.transform(b -> b.directives(List.of()));
            }
            if (type instanceof graphql.language.ScalarTypeDefinition s) {
                return s.transform(b -> b.directives(List.of()));
            }
            return type;
        }
    }

    /** Federation's {@code _Any}: an entity representation, passed through as the {@link JsonObject} the plan sent. */
    private static final GraphQLScalarType ANY = GraphQLScalarType.newScalar().name("_Any").coercing(new Coercing<Object, Object>() {
        @Override
        public Object serialize(Object dataFetcherResult, graphql.GraphQLContext context, java.util.Locale locale) {
            return dataFetcherResult;
        }

        @Override
        public Object parseValue(Object input, graphql.GraphQLContext context, java.util.Locale locale) {
            return input;
        }
    }).build();
}
