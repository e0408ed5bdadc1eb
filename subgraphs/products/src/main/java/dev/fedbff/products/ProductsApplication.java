package dev.fedbff.products;

import dev.fedbff.kit.rest.ProblemResponses;
import dev.fedbff.sample.SeedData;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(ProblemResponses.class)
public class ProductsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProductsApplication.class, args);
    }

    @Bean
    ProductCatalog productCatalog() {
        return new ProductCatalog(SeedData.products());
    }
}
