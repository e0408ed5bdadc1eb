package dev.fedbff.mobile;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The mobile Backend-for-Frontend: the gateway engine with the mobile client's configuration (application.yml). */
@SpringBootApplication
public class MobileBffApplication {

    public static void main(String[] args) {
        SpringApplication.run(MobileBffApplication.class, args);
    }
}
