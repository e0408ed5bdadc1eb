package dev.fedbff.products;

import dev.fedbff.kit.rest.BatchIds;
import dev.fedbff.sample.SeedData.Product;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/products")
class ProductsController {

    private final ProductCatalog catalog;

    ProductsController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/{id}")
    Product product(@PathVariable String id) {
        return catalog.product(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No product with id '" + id + "'"));
    }

    @GetMapping(params = "ids")
    List<Product> products(@RequestParam String ids) {
        return catalog.products(BatchIds.distinct("ids", ids));
    }

    @GetMapping(params = "!ids")
    ProductPage page(@RequestParam(required = false) String category,
                     @RequestParam(required = false) String page,
                     @RequestParam(required = false) String size) {
        return catalog.page(category, PageWindow.of(page, size));
    }
}
