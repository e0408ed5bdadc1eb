package dev.fedbff.products;

import dev.fedbff.sample.SeedData.Product;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

class ProductCatalog {

    private final List<Product> all;
    private final Map<String, Product> byId;
    private final Map<String, List<Product>> byCategory;

    ProductCatalog(List<Product> products) {
        this.all = List.copyOf(products);
        this.byId = all.stream().collect(Collectors.toUnmodifiableMap(Product::id, Function.identity()));
        this.byCategory = all.stream().collect(Collectors.groupingBy(Product::category, Collectors.toUnmodifiableList()));
    }

    Optional<Product> product(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Product> products(List<String> ids) {
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    ProductPage page(String category, PageWindow window) {
        List<Product> matching = category == null || category.isBlank() ? all : byCategory.getOrDefault(category, List.of());
        int from = (int) Math.min((long) window.page() * window.size(), matching.size());
        int to = Math.min(from + window.size(), matching.size());
        return new ProductPage(matching.subList(from, to), window.page(), window.size(), matching.size());
    }
}
