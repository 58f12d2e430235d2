package io.trays3;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link SecretMasking#maskSecrets(String)} masks, in the shapes the SDK and Apache HttpClient log them. */
class SecretMaskingTest {

    @Test
    void anAuthorizationHeaderLosesItsAccessKeyIdAndSignatureAndKeepsTheRest() {
        String line = "http-outgoing-0 >> \"Authorization: AWS4-HMAC-SHA256 Credential=AKIAUNREMEMBERED01/20261201/us-east-1"
                      + "/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f0[\\r][\\n]\"";

        assertThat(SecretMasking.maskSecrets(line)).isEqualTo("http-outgoing-0 >> \"Authorization: AWS4-HMAC-SHA256"
                + " Credential=xxxxxx/20261201/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date,"
                + " Signature=xxxxxx[\\r][\\n]\"");
    }

    @Test
    void aPresignedUrlLosesItsCredentialTokenAndSignature() {
        String url = "http://h/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=IQoJb3Jp%2Bnot%2Fremembered%3D"
                     + "&X-Amz-Credential=ASIAUNREMEMBERED02%2F20261201%2Fus-east-1%2Fs3%2Faws4_request"
                     + "&X-Amz-Signature=abcdef0123456789abcdef0123456789";

        assertThat(SecretMasking.maskSecrets(url)).isEqualTo("http://h/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Security-Token=xxxxxx&X-Amz-Credential=xxxxxx%2F20261201%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Signature=xxxxxx");
    }

    @Test
    void theSessionTokenHeaderAsTheHeaderLoggerPrintsIt() {
        assertThat(SecretMasking.maskSecrets("http-outgoing-3 >> X-Amz-Security-Token: FwoGZXIvYXdzEUnremembered03=="))
                .isEqualTo("http-outgoing-3 >> X-Amz-Security-Token: xxxxxx");
    }

    @Test
    void whatStsAnswersAndIsSentAndWhatTheMetadataEndpointsAnswer() {
        assertThat(SecretMasking.maskSecrets("<< \"<Credentials><AccessKeyId>ASIAUNREMEMBERED04</AccessKeyId><SecretAccessKey>"
                                             + "unremembered/secret+05</SecretAccessKey><SessionToken>unremembered-token-06"
                                             + "</SessionToken><Expiration>2026-12-01T12:00:00Z</Expiration>"))
                .isEqualTo("<< \"<Credentials><AccessKeyId>xxxxxx</AccessKeyId><SecretAccessKey>xxxxxx</SecretAccessKey>"
                           + "<SessionToken>xxxxxx</SessionToken><Expiration>2026-12-01T12:00:00Z</Expiration>");
        assertThat(SecretMasking.maskSecrets(">> \"Action=AssumeRole&Version=2011-06-15&ExternalId=unremembered-ext-07"
                                             + "&RoleSessionName=s\""))
                .isEqualTo(">> \"Action=AssumeRole&Version=2011-06-15&ExternalId=xxxxxx&RoleSessionName=s\"");
        assertThat(SecretMasking.maskSecrets("{\"AccessKeyId\":\"ASIAUNREMEMBERED08\",\"SecretAccessKey\" : \"s/9+x\","
                                             + "\"Token\":\"unremembered-09\",\"Expiration\":\"2026-12-01T12:00:00Z\"}"))
                .isEqualTo("{\"AccessKeyId\":\"xxxxxx\",\"SecretAccessKey\" : \"xxxxxx\",\"Token\":\"xxxxxx\","
                           + "\"Expiration\":\"2026-12-01T12:00:00Z\"}");
    }

    @Test
    void aRememberedSecretIsMaskedAnywhereAsItIsAndUrlEncoded() {
        SecretMasking.remember("remembered/secret+Kq7=");

        assertThat(SecretMasking.maskSecrets("canonical request: remembered/secret+Kq7= and remembered%2Fsecret%2BKq7%3D"))
                .isEqualTo("canonical request: xxxxxx and xxxxxx");
    }

    @Test
    void veryShortValuesAreNotRememberedAndTextWithoutSecretsIsUnchanged() {
        SecretMasking.remember("abc");
        SecretMasking.remember("   ");
        SecretMasking.remember(null);

        String text = "Uploaded abc to bucket b (ETag \"e\"), 3 bytes";
        assertThat(SecretMasking.maskSecrets(text)).isSameAs(text);
        assertThat(SecretMasking.maskSecrets(null)).isNull();
    }

    @Test
    void configuredSecretsAreKeptForGoodAndResolvedOnesWhileRecent() {
        SecretMasking.remember("configured-external-id-Wq3");
        SecretMasking.rememberWhileRecent("resolved-long-ago-Tz8");
        for (int i = 0; i < 300; i++) {
            // each refresh of assumed-role credentials brings new values
            SecretMasking.rememberWhileRecent("refreshed-token-" + i);
        }

        assertThat(SecretMasking.maskSecrets("configured-external-id-Wq3 refreshed-token-299"))
                .isEqualTo("xxxxxx xxxxxx");
        assertThat(SecretMasking.maskSecrets("resolved-long-ago-Tz8")).as("forgotten: bounded memory")
                .isEqualTo("resolved-long-ago-Tz8");
    }

    @Test
    void aRememberedValueIsMaskedWhereItStandsWholeNotInsideALongerName() {
        // the demo application's access key id is also the start of its bucket names
        SecretMasking.remember("trays3-demo-key");

        assertThat(SecretMasking.maskSecrets("Cleaned s3://trays3-demo-key-scratch (key trays3-demo-key, \"trays3-demo-key\")."))
                .isEqualTo("Cleaned s3://trays3-demo-key-scratch (key xxxxxx, \"xxxxxx\").");
    }

    @Test
    void whatS3AnswersToARefusedSignature() {
        String answer = "<Error><Code>SignatureDoesNotMatch</Code><AWSAccessKeyId>AKIAUNREMEMBERED10</AWSAccessKeyId>"
                        + "<SignatureProvided>9a8b7c6d5e4f30211203f4e5d6c7b8a9</SignatureProvided><CanonicalRequest>PUT\n"
                        + "/b/k\n\nhost:h\nx-amz-security-token:FwoGUnremembered11\n</CanonicalRequest></Error>";

        assertThat(SecretMasking.maskSecrets(answer)).isEqualTo("<Error><Code>SignatureDoesNotMatch</Code>"
                + "<AWSAccessKeyId>xxxxxx</AWSAccessKeyId><SignatureProvided>xxxxxx</SignatureProvided><CanonicalRequest>"
                + "PUT\n/b/k\n\nhost:h\nx-amz-security-token:xxxxxx\n</CanonicalRequest></Error>");
    }

    @Test
    void camelsDebugLinesOfItsConfigurationAndTheValueTheyResolveAfterwards() {
        // as Camel Main logs the application's configuration at DEBUG, before trays3 has used any credential
        assertThat(SecretMasking.maskSecrets("Found property: trays3.embedded.secret-key with value:"
                                             + " {{env:TRAYS3_EMBEDDED_SECRET_KEY:demo-secret-Unremembered12}} to be used."))
                .isEqualTo("Found property: trays3.embedded.secret-key with value:"
                           + " {{env:TRAYS3_EMBEDDED_SECRET_KEY:xxxxxx}} to be used.");
        assertThat(SecretMasking.maskSecrets("Property with key [env:TRAYS3_EMBEDDED_SECRET_KEY:demo-secret-Unremembered12]"
                                             + " applied by function [env] -> demo-secret-Unremembered12"))
                .isEqualTo("Property with key [env:TRAYS3_EMBEDDED_SECRET_KEY:xxxxxx] applied by function [env] -> xxxxxx");
        assertThat(SecretMasking.maskSecrets("Configured property: camel.component.trays3.secretKey=other-Unremembered13 on"
                                             + " bean: io.trays3.Trays3Component@29fc1a2b; sessionToken = tok-Unremembered14"))
                .isEqualTo("Configured property: camel.component.trays3.secretKey=xxxxxx on bean:"
                           + " io.trays3.Trays3Component@29fc1a2b; sessionToken = xxxxxx");
        assertThat(SecretMasking.maskSecrets("camel.component.trays3.accessKey=demo-key-Unremembered15"))
                .isEqualTo("camel.component.trays3.accessKey=xxxxxx");
        assertThat(SecretMasking.maskSecrets("[env] -> demo-key-Unremembered15, in target/demo-key-Unremembered15/inbox"))
                .isEqualTo("[env] -> xxxxxx, in target/demo-key-Unremembered15/inbox");
        String names = "trays3: options 'accessKey' and 'secretKey' go together, but only secretKey is set";
        assertThat(SecretMasking.maskSecrets(names)).as("names alone are no secrets").isEqualTo(names);
    }
}
