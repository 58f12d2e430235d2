package io.trays3.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot application whose Camel routes use trays3, configured in application.yaml. */
@SpringBootApplication
public class Trays3SpringBootExample {

    public static void main(String[] args) {
        SpringApplication.run(Trays3SpringBootExample.class, args);
    }
}
