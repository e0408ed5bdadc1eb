package dev.fedbff.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/**
 * A Eureka server: the service registry the BFFs discover backends in when {@code eureka.client.enabled} is true.
 * Runs alone on Spring MVC, never on a BFF's classpath.
 */
@SpringBootApplication
@EnableEurekaServer
public class RegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistryApplication.class, args);
    }
}
