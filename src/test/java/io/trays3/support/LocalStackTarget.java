package io.trays3.support;

import java.net.URI;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack's S3 in a container (Testcontainers), started once per test JVM where a Docker engine runs. */
public final class LocalStackTarget implements S3Target {

    /** The LocalStack image, pinned here and nowhere else. */
    public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4.0");
    private static volatile LocalStackTarget instance;

    private final LocalStackContainer container;

    private LocalStackTarget(LocalStackContainer container) {
        this.container = container;
    }

    /** Null when a Docker engine answers, else why LocalStack cannot run here. */
    public static String unavailableReason() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? null
                    : "no Docker engine answers on this machine (Testcontainers found none)";
        } catch (RuntimeException | LinkageError e) {
            return "no Docker engine answers on this machine (" + e.getMessage() + ")";
        }
    }

    /** The shared container, started on first use. */
    public static synchronized LocalStackTarget get() {
        if (instance == null) {
            LocalStackContainer container = new LocalStackContainer(IMAGE).withServices(LocalStackContainer.Service.S3);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            instance = new LocalStackTarget(container);
        }
        return instance;
    }

    @Override
    public boolean checksCredentials() {
        return false;
    }

    @Override
    public boolean checksPresignedUrls() {
        return false;
    }

    @Override
    public String name() {
        return "LocalStack";
    }

    @Override
    public URI endpoint() {
        return container.getEndpointOverride(LocalStackContainer.Service.S3);
    }

    @Override
    public String accessKey() {
        return container.getAccessKey();
    }

    @Override
    public String secretKey() {
        return container.getSecretKey();
    }
}
