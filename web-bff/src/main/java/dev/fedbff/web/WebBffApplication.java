package dev.fedbff.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The web Backend-for-Frontend: the gateway engine with the web client's configuration (application.yml). */
@SpringBootApplication
public class WebBffApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebBffApplication.class, args);
    }
}
