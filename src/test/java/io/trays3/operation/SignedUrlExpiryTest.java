package io.trays3.operation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Consumer;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Constants;
import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import io.trays3.support.SystemProperties;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A signed URL cannot outlive the temporary credentials that sign it: its expiry is capped at theirs (an assumed role
 * from an STS stub over HTTP, expiring in ten minutes), reported in {@code expires}, with the reason in a header.
 */
class SignedUrlExpiryTest {

    private static final long CREDENTIALS_MINUTES = 10;

    private Instant credentialsExpire;
    private StubS3Server sts;
    private StubS3Server s3;
    private SystemProperties stsEndpoint;

    @BeforeEach
    void startStubs() throws Exception {
        credentialsExpire = Instant.now().plus(CREDENTIALS_MINUTES, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        sts = StubS3Server.routing(r -> new Response(200, "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/"
                + "2011-06-15/\"><AssumeRoleResult><Credentials><AccessKeyId>ASIASIGNEDURLTEST</AccessKeyId>"
                + "<SecretAccessKey>assumed-secret</SecretAccessKey><SessionToken>assumed-token</SessionToken><Expiration>"
                + credentialsExpire + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser></AssumeRoleResult>"
                + "</AssumeRoleResponse>", "Content-Type", "text/xml"));
        s3 = StubS3Server.answering(200, "");
        stsEndpoint = SystemProperties.set("aws.endpointUrlSts", sts.endpoint().toString(), "aws.region", "us-east-1");
    }

    @AfterEach
    void stopStubs() {
        stsEndpoint.close();
        sts.close();
        s3.close();
    }

    private Exchange sign(Consumer<Trays3Configuration> credentials, int expiresSeconds) {
        CamelContext camel = Trays3Contexts.pointedAt(s3.endpoint(), credentials);
        try {
            // a reason left by an earlier signing is not this URL's
            return camel.createProducerTemplate().request("trays3:getObjectSignedUrl?bucket=b-1&key=r.csv&expiresSeconds="
                    + expiresSeconds, e -> e.getMessage().setHeader(Trays3Constants.SIGNED_URL_EXPIRY_REASON, "stale"));
        } finally {
            camel.stop();
        }
    }

    private static Consumer<Trays3Configuration> assumedRole() {
        return c -> {
            c.setAccessKey("AKIABASEIDENTITY");
            c.setSecretKey("base-secret");
            c.setRoleArn("arn:aws:iam::123456789012:role/sharer");
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> file(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        return (Map<String, Object>) exchange.getMessage().getBody(Map.class).get("file");
    }

    private static long signedSeconds(Map<String, Object> file) {
        return Long.parseLong(((String) file.get("url")).replaceAll(".*[?&]X-Amz-Expires=(\\d+).*", "$1"));
    }

    @Test
    void sevenDaysAskedWithAnAssumedRoleExpiringInTenMinutesIsCappedAtTheCredentialsExpiry() {
        Exchange signed = sign(assumedRole(), 604_800);

        Map<String, Object> file = file(signed);
        Instant expires = Instant.parse((String) file.get("expires"));
        assertThat(expires).as("the URL's real expiry").isBeforeOrEqualTo(credentialsExpire)
                .isCloseTo(credentialsExpire, within(Duration.ofSeconds(5)));
        assertThat(signedSeconds(file)).as("X-Amz-Expires").isLessThanOrEqualTo(CREDENTIALS_MINUTES * 60)
                .isGreaterThan(CREDENTIALS_MINUTES * 60 - 10);
        assertThat((String) file.get("url")).as("signed by the assumed role").contains("ASIASIGNEDURLTEST");
        assertThat(signed.getMessage().getHeader(Trays3Constants.SIGNED_URL_EXPIRY_REASON, String.class))
                .startsWith("capped at the expiry of the temporary credentials that sign it (" + credentialsExpire + ")")
                .contains("604800 s were asked");
    }

    @Test
    void aShorterExpiryThanTheCredentialsIsKeptAndHasNoReason() {
        Exchange signed = sign(assumedRole(), 60);

        assertThat(signedSeconds(file(signed))).isEqualTo(60);
        assertThat(signed.getMessage().getHeaders()).doesNotContainKey(Trays3Constants.SIGNED_URL_EXPIRY_REASON);
    }

    @Test
    void aStaticSessionTokenOfUnknownExpiryIsSignedAsAskedAndSaysTheUrlMayStopEarlier() {
        Exchange signed = sign(c -> {
            c.setAccessKey("ASIASTATICTOKEN");
            c.setSecretKey("static-secret");
            c.setSessionToken("static-session-token");
        }, 604_800);

        assertThat(signedSeconds(file(signed))).isEqualTo(604_800);
        assertThat(signed.getMessage().getHeader(Trays3Constants.SIGNED_URL_EXPIRY_REASON, String.class))
                .contains("session token whose expiry trays3 cannot see").contains("may be before 'expires'");
    }

    @Test
    void longTermKeysSignForTheWholeSevenDaysWithNoReason() {
        Exchange signed = sign(Trays3Contexts.keys("AKIALONGTERM", "long-term-secret"), 604_800);

        assertThat(signedSeconds(file(signed))).isEqualTo(604_800);
        assertThat(signed.getMessage().getHeaders()).doesNotContainKey(Trays3Constants.SIGNED_URL_EXPIRY_REASON);
        assertThat(sts.requests()).as("no role, no STS").isEmpty();
    }
}
