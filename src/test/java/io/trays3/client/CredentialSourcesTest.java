package io.trays3.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3ServiceException;
import io.trays3.support.CloseRecordingCredentials;
import io.trays3.support.S3TestSupport;
import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import io.trays3.support.SystemProperties;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every credential source reaches S3 signed with the right identity: the in-JVM server accepts only its own keys and
 * checks each request's signature, so a successful upload proves the identity. AWS endpoints that hand out credentials
 * (STS, container and instance metadata) are stubs on loopback.
 */
class CredentialSourcesTest extends S3TestSupport {

    @TempDir
    Path temp;
    private Path noFile;

    @BeforeEach
    void isolateFromTheMachinesAwsFiles() {
        // an upload proves the identity only where the server checks signatures
        assumeTrue(target.checksCredentials(), target.name() + " accepts any credentials");
        noFile = temp.resolve("none");
    }

    /** Uploads through a component that has the server's endpoint but only the credentials the setup gives it. */
    private String uploadWith(Consumer<Trays3Configuration> setup, String key) {
        return uploadWith(setup, key, 1);
    }

    private String uploadWith(Consumer<Trays3Configuration> setup, String key, int times) {
        CamelContext other = Trays3Contexts.pointedAt(target.endpoint(), setup);
        try {
            for (int i = 0; i < times; i++) {
                other.createProducerTemplate().requestBody("trays3:putObjectText?bucket=" + bucket + "&key=" + key, "signed");
            }
        } finally {
            other.stop();
        }
        return readObject(key);
    }

    private SystemProperties noAwsFiles(String... more) {
        String[] base = {"aws.sharedCredentialsFile", noFile.toString(), "aws.configFile", noFile.toString(),
            "aws.accessKeyId", null, "aws.secretAccessKey", null, "aws.sessionToken", null, "aws.profile", null,
            "aws.webIdentityTokenFile", null, "aws.roleArn", null, "aws.containerCredentialsFullUri", null,
            "aws.ec2MetadataServiceEndpoint", null, "aws.disableEc2Metadata", "true", "aws.region", "us-east-1"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return SystemProperties.set(all);
    }

    private String expiration(long minutes) {
        return Instant.now().plus(minutes, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String stsCredentials(String action, long minutes) {
        return "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + action + "Result>"
               + "<Credentials><AccessKeyId>" + target.accessKey() + "</AccessKeyId><SecretAccessKey>" + target.secretKey()
               + "</SecretAccessKey><SessionToken>session-from-sts</SessionToken><Expiration>" + expiration(minutes)
               + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROATRAYS3:s</AssumedRoleId>"
               + "<Arn>arn:aws:sts::123456789012:assumed-role/trays3/s</Arn></AssumedRoleUser></" + action + "Result>"
               + "<ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></" + action + "Response>";
    }

    private String metadataCredentials() {
        return "{\"Code\":\"Success\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"" + target.accessKey()
               + "\",\"SecretAccessKey\":\"" + target.secretKey() + "\",\"Token\":\"token-from-metadata\",\"Expiration\":\""
               + expiration(60) + "\",\"LastUpdated\":\"" + expiration(0) + "\"}";
    }

    @Test
    void staticKeysWithASessionToken() throws Exception {
        try (StubS3Server recorder = StubS3Server.answering(200, "", "ETag", "\"e\"")) {
            assertThat(uploadWith(c -> {
                c.setAccessKey(target.accessKey());
                c.setSecretKey(target.secretKey());
                c.setSessionToken("session-token-1");
            }, "static.txt")).isEqualTo("signed");

            // and the token travels with each request
            uploadWithEndpoint(recorder, c -> {
                c.setAccessKey(target.accessKey());
                c.setSecretKey(target.secretKey());
                c.setSessionToken("session-token-1");
            });
            assertThat(recorder.seen().get(0).header("x-amz-security-token")).isEqualTo("session-token-1");
        }
    }

    private void uploadWithEndpoint(StubS3Server stub, Consumer<Trays3Configuration> setup) {
        CamelContext other = Trays3Contexts.pointedAt(stub.endpoint(), setup);
        try {
            other.createProducerTemplate().requestBody("trays3:putObjectText?bucket=b-1&key=k", "x");
        } finally {
            other.stop();
        }
    }

    @Test
    void defaultChainFromSystemProperties() {
        try (SystemProperties p = noAwsFiles("aws.accessKeyId", target.accessKey(),
                                             "aws.secretAccessKey", target.secretKey())) {
            assertThat(uploadWith(c -> { }, "system-properties.txt")).isEqualTo("signed");
        }
    }

    @Test
    void defaultChainFromTheSharedCredentialsFileAndANamedProfile() throws Exception {
        Path credentials = temp.resolve("credentials");
        Files.writeString(credentials, "[default]\naws_access_key_id = AKIAWRONGDEFAULT\naws_secret_access_key = wrong\n\n"
                                       + "[trays3-test]\naws_access_key_id = " + target.accessKey() + "\n"
                                       + "aws_secret_access_key = " + target.secretKey() + "\n");
        try (SystemProperties p = noAwsFiles("aws.sharedCredentialsFile", credentials.toString())) {
            // profileName picks the named profile, not [default]
            assertThat(uploadWith(c -> c.setProfileName("trays3-test"), "named-profile.txt")).isEqualTo("signed");
        }
        try (SystemProperties p = noAwsFiles("aws.sharedCredentialsFile", credentials.toString(),
                                             "aws.profile", "trays3-test")) {
            // the default chain reads the profile AWS_PROFILE / aws.profile names
            assertThat(uploadWith(c -> { }, "chain-profile.txt")).isEqualTo("signed");
        }
    }

    @Test
    void defaultChainFromWebIdentity() throws Exception {
        Path token = temp.resolve("token");
        Files.writeString(token, "eyJ.web.identity");
        try (StubS3Server sts = StubS3Server.routing(r -> new Response(200,
                stsCredentials("AssumeRoleWithWebIdentity", 60)));
             SystemProperties p = noAwsFiles("aws.webIdentityTokenFile", token.toString(),
                                             "aws.roleArn", "arn:aws:iam::123456789012:role/trays3",
                                             "aws.roleSessionName", "trays3-test",
                                             "aws.endpointUrlSts", sts.endpoint().toString())) {
            assertThat(uploadWith(c -> { }, "web-identity.txt")).isEqualTo("signed");
            assertThat(sts.seen()).anySatisfy(r -> assertThat(r.body()).contains("Action=AssumeRoleWithWebIdentity")
                    .contains("WebIdentityToken=eyJ.web.identity"));
        }
    }

    @Test
    void defaultChainFromTheContainerCredentialsEndpoint() throws Exception {
        try (StubS3Server container = StubS3Server.routing(r -> new Response(200, metadataCredentials(),
                "Content-Type", "application/json"));
             SystemProperties p = noAwsFiles("aws.containerCredentialsFullUri", container.endpoint() + "/creds")) {
            assertThat(uploadWith(c -> { }, "container.txt")).isEqualTo("signed");
            assertThat(container.requests()).contains("GET /creds");
        }
    }

    @Test
    void defaultChainFromTheInstanceProfile() throws Exception {
        try (StubS3Server imds = StubS3Server.routing(r -> switch (r.method() + " " + r.path()) {
            case "PUT /latest/api/token" -> new Response(200, "imds-token", "Content-Type", "text/plain");
            case "GET /latest/meta-data/iam/security-credentials/" -> new Response(200, "trays3-role",
                                                                                   "Content-Type", "text/plain");
            case "GET /latest/meta-data/iam/security-credentials/trays3-role" -> new Response(200, metadataCredentials(),
                                                                                              "Content-Type", "text/plain");
            default -> new Response(404, "");
        });
             SystemProperties p = noAwsFiles("aws.disableEc2Metadata", "false",
                                             "aws.ec2MetadataServiceEndpoint", imds.endpoint().toString())) {
            assertThat(uploadWith(c -> { }, "instance-profile.txt")).isEqualTo("signed");
            assertThat(imds.seen()).anySatisfy(r -> assertThat(r.header("x-aws-ec2-metadata-token")).isEqualTo("imds-token"));
        }
    }

    @Test
    void assumeRoleWithExternalIdAndDurationRefreshingBeforeExpiry() throws Exception {
        try (StubS3Server sts = StubS3Server.routing(r -> new Response(200, stsCredentials("AssumeRole", 0)));
             SystemProperties p = noAwsFiles("aws.endpointUrlSts", sts.endpoint().toString())) {
            assertThat(uploadWith(c -> {
                c.setAccessKey("AKIABASEIDENTITY");
                c.setSecretKey("base-secret");
                c.setRoleArn("arn:aws:iam::123456789012:role/uploader");
                c.setRoleSessionName("nightly");
                c.setExternalId("ext-42");
                c.setDurationSeconds(900);
            }, "assumed.txt", 2)).isEqualTo("signed");

            assertThat(sts.seen()).isNotEmpty().allSatisfy(r -> assertThat(r.body()).contains("Action=AssumeRole")
                    .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fuploader")
                    .contains("RoleSessionName=nightly").contains("ExternalId=ext-42").contains("DurationSeconds=900"));
            // the base identity signs the STS call
            assertThat(sts.seen().get(0).header("Authorization")).contains("Credential=AKIABASEIDENTITY/");
            // the stub hands out credentials that expire at once: the second upload assumes the role again
            assertThat(sts.seen()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aRoleThatCannotBeAssumedIsATrays3ServiceExceptionThatSaysWhatToCheck() throws Exception {
        try (StubS3Server sts = StubS3Server.routing(r -> new Response(403, "<ErrorResponse><Error><Type>Sender</Type>"
                + "<Code>AccessDenied</Code><Message>not authorized to perform: sts:AssumeRole</Message></Error>"
                + "<RequestId>sts-denied-1</RequestId></ErrorResponse>"));
             StubS3Server s3 = StubS3Server.answering(200, "", "ETag", "\"e\"");
             SystemProperties p = noAwsFiles("aws.endpointUrlSts", sts.endpoint().toString())) {
            CamelContext other = Trays3Contexts.pointedAt(s3.endpoint(), c -> {
                c.setAccessKey("AKIABASEIDENTITY");
                c.setSecretKey("base-secret-Zq9");
                c.setRoleArn("arn:aws:iam::123456789012:role/uploader");
            });
            Throwable thrown;
            try {
                thrown = catchThrowable(() -> other.createProducerTemplate()
                        .requestBody("trays3:putObjectText?bucket=b-1&key=k", "x"));
            } finally {
                other.stop();
            }

            assertThat(thrown).isInstanceOf(CamelExecutionException.class);
            assertThat(thrown.getCause()).isInstanceOf(Trays3ServiceException.class)
                    .hasMessageContaining("putObjectText").hasMessageContaining("b-1/k").hasMessageContaining("AccessDenied")
                    .hasMessageContaining("sts-denied-1").hasMessageContaining("roleArn")
                    .hasMessageNotContaining("base-secret-Zq9");
            Trays3ServiceException error = (Trays3ServiceException) thrown.getCause();
            assertThat(error.getErrorCode()).isEqualTo("AccessDenied");
            assertThat(error.getStatusCode()).isEqualTo(403);
            assertThat(s3.requests()).as("nothing reached S3 without credentials").isEmpty();
        }
    }

    @Test
    void aCredentialsProviderBeanFromTheRegistry() {
        CamelContext other = Trays3Contexts.pointedAt(target.endpoint(), c -> { });
        try (SystemProperties p = noAwsFiles()) {
            // bound after start: the endpoint, created on first use, autowires it
            CloseRecordingCredentials bean = new CloseRecordingCredentials(target.accessKey(), target.secretKey());
            other.getRegistry().bind("myCredentials", bean);
            Object result = other.createProducerTemplate()
                    .requestBody("trays3:putObjectText?bucket=" + bucket + "&key=bean.txt", "signed");
            other.createProducerTemplate().requestBody("trays3:getObjectSignedUrl?bucket=" + bucket + "&key=bean.txt",
                                                       (Object) null);

            assertThat(map(result).get("Key")).isEqualTo("bean.txt");
            assertThat(readObject("bean.txt")).isEqualTo("signed");
            other.stop();
            assertThat(bean.isClosed()).as("the application's bean is closed by trays3's clients").isFalse();
        } finally {
            other.stop();
        }
    }

    @Test
    void staticKeysTakePrecedenceOverAProfile() throws Exception {
        Path credentials = temp.resolve("credentials");
        Files.writeString(credentials, "[other]\naws_access_key_id = AKIAWRONG\naws_secret_access_key = wrong\n");
        try (SystemProperties p = noAwsFiles("aws.sharedCredentialsFile", credentials.toString())) {
            assertThat(uploadWith(c -> {
                c.setProfileName("other");
                c.setAccessKey(target.accessKey());
                c.setSecretKey(target.secretKey());
            }, "precedence.txt")).isEqualTo("signed");
        }
    }
}
