package dev.fedbff.products;

import dev.fedbff.sample.SeedData;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class ProductsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProductsApplication.class, args);
    }

    @Bean
    ProductCatalog productCatalog() {
        return new ProductCatalog(SeedData.products());
    }
}
