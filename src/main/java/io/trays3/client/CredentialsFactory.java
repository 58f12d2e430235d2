package io.trays3.client;

import java.util.ArrayList;
import java.util.List;

import io.trays3.SecretMasking;
import io.trays3.Trays3Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Chooses the credentials: static keys, else a credentials provider bean, else a named profile, else the default AWS
 * chain (environment, system properties, profile files, web identity, container, instance profile); with roleArn the
 * chosen credentials assume that role through STS, refreshing before expiry.
 */
final class CredentialsFactory {

    private CredentialsFactory() {
    }

    /** The provider and what must be closed with it (only what was built here). */
    record Credentials(AwsCredentialsProvider provider, List<SdkAutoCloseable> owned) {
    }

    static Credentials create(Trays3Configuration config, Region stsRegion) {
        // the access key id too is masked in logs, where it travels (see remembering)
        SecretMasking.remember(config.getSecretKey());
        SecretMasking.remember(config.getSessionToken());
        SecretMasking.remember(config.getExternalId());
        List<SdkAutoCloseable> owned = new ArrayList<>();
        AwsCredentialsProvider base = baseProvider(config, owned);
        if (isSet(config.getRoleArn())) {
            StsClient sts = StsClient.builder()
                    .region(stsRegion)
                    .credentialsProvider(remembering(base))
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .build();
            owned.add(sts);
            StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(r -> r.roleArn(config.getRoleArn())
                            .roleSessionName(config.getRoleSessionName())
                            .externalId(isSet(config.getExternalId()) ? config.getExternalId() : null)
                            .durationSeconds(config.getDurationSeconds()))
                    .build();
            owned.add(0, assumed);
            return new Credentials(remembering(assumed), owned);
        }
        return new Credentials(remembering(base), owned);
    }

    /**
     * The provider, remembering for the log masking every secret it hands out: those of a bean, a profile, the default
     * chain or STS are only known once resolved. Access key ids are masked where they travel, not by value: one such as
     * the demo's {@code trays3-demo} is also an ordinary word of the log (a folder, the start of bucket names).
     */
    static AwsCredentialsProvider remembering(AwsCredentialsProvider provider) {
        return () -> {
            AwsCredentials credentials = provider.resolveCredentials();
            SecretMasking.rememberWhileRecent(credentials.secretAccessKey());
            if (credentials instanceof AwsSessionCredentials session) {
                SecretMasking.rememberWhileRecent(session.sessionToken());
            }
            return credentials;
        };
    }

    private static AwsCredentialsProvider baseProvider(Trays3Configuration config, List<SdkAutoCloseable> owned) {
        boolean hasAccessKey = isSet(config.getAccessKey());
        boolean hasSecretKey = isSet(config.getSecretKey());
        if (hasAccessKey != hasSecretKey) {
            throw new IllegalArgumentException("trays3: options 'accessKey' and 'secretKey' go together, but only "
                                               + (hasAccessKey ? "accessKey" : "secretKey") + " is set");
        }
        if (hasAccessKey) {
            return StaticCredentialsProvider.create(isSet(config.getSessionToken())
                    ? AwsSessionCredentials.create(config.getAccessKey(), config.getSecretKey(), config.getSessionToken())
                    : AwsBasicCredentials.create(config.getAccessKey(), config.getSecretKey()));
        }
        if (config.getCredentialsProvider() != null) {
            AwsCredentialsProvider bean = config.getCredentialsProvider();
            // not the bean itself: SDK clients close the provider they are given, and the bean belongs to the application
            return bean::resolveCredentials;
        }
        if (isSet(config.getProfileName())) {
            ProfileCredentialsProvider profile = ProfileCredentialsProvider.builder()
                    .profileName(config.getProfileName())
                    .build();
            owned.add(profile);
            return profile;
        }
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        owned.add(chain);
        return chain;
    }

    /**
     * Which source the credentials come from, in the words the README uses, without any secret: what to check when
     * they are refused.
     */
    static String describe(Trays3Configuration config) {
        String base;
        if (isSet(config.getAccessKey()) && isSet(config.getSecretKey())) {
            base = "static keys (options accessKey and secretKey" + (isSet(config.getSessionToken()) ? ", sessionToken" : "")
                   + ")";
        } else if (config.getCredentialsProvider() != null) {
            base = "the credentialsProvider bean (" + config.getCredentialsProvider().getClass().getSimpleName() + ")";
        } else if (isSet(config.getProfileName())) {
            base = "profile '" + config.getProfileName() + "' of the shared AWS config and credentials files";
        } else {
            base = "the default AWS credentials chain (environment, system properties, profile files, web identity,"
                   + " container or instance role)";
        }
        return isSet(config.getRoleArn()) ? base + ", assuming role " + config.getRoleArn() : base;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
