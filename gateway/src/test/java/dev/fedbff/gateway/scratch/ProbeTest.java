package dev.fedbff.gateway.scratch;

import dev.fedbff.gateway.compose.*;
import org.junit.jupiter.api.Test;
import java.util.List;

class ProbeTest {
    @Test
    void probe() {
        for (String s : List.of("price:", "price: ", "a { b: }", "$")) {
            try { System.out.println("PROBE " + s + " -> " + ConnectorSelection.parse(s).fieldNames()); }
            catch (Throwable t) { System.out.println("PROBE " + s + " -> " + t); }
        }
        String sdl = """
                extend schema
                  @link(url: "https://specs.apollo.dev/connect/v0.2", import: ["@source", "@connect"])
                  @source(name: "products", http: { baseURL: "http://products" })

                type Query {
                  product(id: ID!): Product
                    @connect(source: "products", http: { GET: "/products/{$args.id}" }, selection: "id name:")
                }

                type Product {
                  id: ID!
                  name: String
                }
                """;
        try { new SupergraphComposer().compose(List.of(new SchemaFile("schema/products.graphqls", sdl))); System.out.println("PROBE composed"); }
        catch (Throwable t) { System.out.println("PROBE compose -> " + t); }
    }
}
