package io.trays3.examples.springboot;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The application's S3Client, built from the example.s3.* properties. trays3's s3Client option is autowired: with
 * exactly one S3Client bean in the context, every trays3 endpoint uses it (and never closes it; Spring does). The
 * profile "trays3-connects" leaves it out, and trays3 then connects by itself from camel.component.trays3.*.
 */
@Configuration
@Profile("!trays3-connects")
public class S3ClientConfiguration {

    @Bean(destroyMethod = "close")
    public S3Client s3Client(@Value("${example.s3.endpoint}") String endpoint,
                             @Value("${example.s3.region}") String region,
                             @Value("${example.s3.access-key}") String accessKey,
                             @Value("${example.s3.secret-key}") String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }
}
