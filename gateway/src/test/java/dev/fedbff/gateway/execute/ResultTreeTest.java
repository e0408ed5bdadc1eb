package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.plan.FetchNode;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers merge into the tree without a copy per receiver, and yet one receiver's later answers never show up at
 * another: the same entity at two places of the response, each place then asking its own question of a nested object.
 */
class ResultTreeTest {

    private static final FetchNode ROOT = node(0, false, List.of(), List.of());
    private static final FetchNode PRODUCTS = node(1, true, List.of(List.of("a"), List.of("b")), List.of(0));

    @Test
    void laterAnswersAtOneReceiverStayThere() {
        FetchNode english = node(2, true, List.of(List.of("a", "details")), List.of(1));
        FetchNode french = node(3, true, List.of(List.of("b", "details")), List.of(1));
        ResultTree tree = new ResultTree(List.of(ROOT, PRODUCTS, english, french));
        tree.merge(ROOT, ResultTree.Targets.ROOT, FetchResult.root(json("""
                {"a": {"__typename": "Product", "id": "p1"}, "b": {"__typename": "Product", "id": "p1"}}"""), List.of()));
        ResultTree.Targets products = tree.targets(PRODUCTS);
        assertThat(products.representations()).hasSize(1);
        assertThat(products.receivers().get(0)).hasSize(2);
        tree.merge(PRODUCTS, products, FetchResult.entities(List.of(json("""
                {"details": {"__typename": "Detail", "id": "d1"}}""")), List.of()));

        ResultTree.Targets enTargets = tree.targets(english);
        ResultTree.Targets frTargets = tree.targets(french);
        tree.merge(english, enTargets, FetchResult.entities(List.of(json("{\"label\": \"Lampe (en)\"}")), List.of()));
        tree.merge(french, frTargets, FetchResult.entities(List.of(json("{\"label\": \"Lampe (fr)\"}")), List.of()));

        assertThat(new String(Json.write(tree.result().data()), StandardCharsets.UTF_8)).isEqualTo("""
                {"a":{"__typename":"Product","id":"p1","details":{"__typename":"Detail","id":"d1","label":"Lampe (en)"}},\
                "b":{"__typename":"Product","id":"p1","details":{"__typename":"Detail","id":"d1","label":"Lampe (fr)"}}}""");
    }

    @Test
    void receiversShareAnAnswerNothingMergesBelow() {
        ResultTree tree = new ResultTree(List.of(ROOT, PRODUCTS));
        tree.merge(ROOT, ResultTree.Targets.ROOT, FetchResult.root(json("""
                {"a": {"__typename": "Product", "id": "p1"}, "b": {"__typename": "Product", "id": "p1"}}"""), List.of()));
        ResultTree.Targets products = tree.targets(PRODUCTS);
        tree.merge(PRODUCTS, products, FetchResult.entities(List.of(json("""
                {"details": {"__typename": "Detail", "id": "d1", "tags": ["x"]}}""")), List.of()));

        JsonObject data = tree.result().data();
        Object a = ((JsonObject) data.get("a")).get("details");
        Object b = ((JsonObject) data.get("b")).get("details");
        assertThat(a).isEqualTo(JsonObject.of("__typename", "Detail", "id", "d1", "tags", List.of("x")));
        assertThat(b).as("no copy per receiver").isSameAs(a);
    }

    private static FetchNode node(int id, boolean entity, List<List<String>> paths, List<Integer> dependsOn) {
        SelectionSet key = selection("{ __typename id }");
        return new FetchNode(id, "s" + id, entity ? "Entity" : "Query", entity, paths, key, selection("{ label }"), List.of("a", "b"),
                "", List.of(), Map.of(), List.of(), entity ? Map.of("Product", key, "Detail", key) : Map.of(), Map.of(), dependsOn, Map.of());
    }

    private static SelectionSet selection(String text) {
        return Parser.parse(text).getDefinitionsOfType(OperationDefinition.class).get(0).getSelectionSet();
    }

    private static JsonObject json(String text) {
        return (JsonObject) Json.tree(text.getBytes(StandardCharsets.UTF_8));
    }
}
