package dev.fedbff.products;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fedbff.kit.testing.JsonHttp.Reply;
import dev.fedbff.kit.testing.RestServiceTest;
import dev.fedbff.sample.SeedData;
import dev.fedbff.sample.SeedData.Product;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProductsApiTest extends RestServiceTest {

    @Test
    void singleProductCarriesTheFieldsTheSchemaSelects() {
        Product seeded = SeedData.product("7");

        Reply reply = http.get("/products/7");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith(JSON);
        assertThat(reply.body().get("id").asString()).isEqualTo("7");
        assertThat(reply.body().get("name").asString()).isEqualTo(seeded.name());
        assertThat(reply.body().get("priceCents").asInt()).isEqualTo(seeded.priceCents());
        assertThat(reply.body().get("category").asString()).isEqualTo(seeded.category());
        assertThat(reply.body().get("description").asString()).isEqualTo(seeded.description());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3,1,2         | 3,1,2",
            "5,999,5,2     | 5,2",
            "abc,0,-1      | ''",
            "12, 4 ,,12,4  | 12,4"
    })
    void batchKeepsTheAskedOrderSkipsUnknownAndCollapsesDuplicates(String asked, String expected) {
        Reply reply = http.get("/products?ids=" + asked.replace(" ", "%20"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith(JSON);
        assertThat(ids(reply.body())).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected.split(",")));
    }

    @Test
    void batchOfMoreThanFiveHundredIdsIsABadRequestProblem() {
        String ids = String.join(",", Collections.nCopies(501, "1"));

        Reply reply = http.get("/products?ids=" + ids);

        assertProblem(reply, 400, "501");
    }

    @Test
    void categoryPagesWalkEveryProductOfTheCategoryOnce() {
        List<String> expected = SeedData.products().stream()
                .filter(product -> product.category().equals("books"))
                .map(Product::id)
                .toList();

        Reply first = http.get("/products?category=books&page=0&size=50");
        Reply second = http.get("/products?category=books&page=1&size=50");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("page").asInt()).isZero();
        assertThat(first.body().get("size").asInt()).isEqualTo(50);
        assertThat(first.body().get("total").asInt()).isEqualTo(expected.size());
        assertThat(second.body().get("page").asInt()).isEqualTo(1);
        assertThat(first.body().get("items").valueStream()).allMatch(item -> item.get("category").asString().equals("books"));
        List<String> walked = new ArrayList<>(ids(first.body().get("items")));
        walked.addAll(ids(second.body().get("items")));
        assertThat(walked).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "/products,                           '',      0,  20",
            "/products?size=0,                    '',      0,  1",
            "/products?size=1000,                 '',      0,  100",
            "/products?page=2&size=7,             '',      2,  7",
            "/products?page=99&category=toys,     toys,    99, 20",
            "/products?category=unknown,          unknown, 0,  20"
    })
    void pageShapeAppliesDefaultsAndClampsTheSize(String path, String category, int page, int size) {
        List<String> matching = SeedData.products().stream()
                .filter(product -> category.isEmpty() || product.category().equals(category))
                .map(Product::id)
                .toList();
        List<String> expected = matching.subList(Math.min(page * size, matching.size()), Math.min((page + 1) * size, matching.size()));

        Reply reply = http.get(path);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith(JSON);
        assertThat(reply.body().get("page").asInt()).isEqualTo(page);
        assertThat(reply.body().get("size").asInt()).isEqualTo(size);
        assertThat(reply.body().get("total").asInt()).isEqualTo(matching.size());
        assertThat(ids(reply.body().get("items"))).isEqualTo(expected);
    }

    @Test
    void unknownProductIsANotFoundProblemNamingTheId() {
        Reply reply = http.get("/products/9999");

        assertProblem(reply, 404, "9999");
    }

    @ParameterizedTest
    @CsvSource({
            "/products?page=abc,               page",
            "/products?page=-1,                page",
            "/products?category=books&size=x,  size",
            "/products?page=99999999999,       page"
    })
    void badPagingParametersAreBadRequestProblems(String path, String parameter) {
        Reply reply = http.get(path);

        assertProblem(reply, 400, parameter);
    }

    @ParameterizedTest
    @CsvSource({"/nowhere, 404", "/products/7/reviews, 404"})
    void unknownPathsAnswerProblemJson(String path, int status) {
        assertProblem(http.get(path), status, "");
    }

    @Test
    void healthIsUp() {
        Reply reply = http.get("/actuator/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("status").asString()).isEqualTo("UP");
    }

    private static List<String> ids(JsonNode products) {
        return products.valueStream().map(product -> product.get("id").asString()).toList();
    }
}
