package dev.fedbff.products;

import dev.fedbff.sample.SeedData.Product;
import java.util.List;

record ProductPage(List<Product> items, int page, int size, int total) {
}
