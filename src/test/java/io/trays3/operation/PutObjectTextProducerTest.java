package io.trays3.operation;

import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.support.S3TestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import static org.assertj.core.api.Assertions.assertThat;

class PutObjectTextProducerTest extends S3TestSupport {

    @Test
    void uploadsTextWithTheDefaultContentTypeAndReturnsTheConnectorShape() {
        Object result = call("trays3:putObjectText?bucket=" + bucket + "&key=notes/hello.txt", "Grüße, S3", Map.of());

        Map<String, Object> body = map(result);
        assertThat(body.keySet()).containsExactly("Bucket", "Key", "ETag", "VersionId");
        assertThat(body.get("Bucket")).isEqualTo(bucket);
        assertThat(body.get("Key")).isEqualTo("notes/hello.txt");
        assertThat((String) body.get("ETag")).isNotBlank();
        assertThat(readObject("notes/hello.txt")).isEqualTo("Grüße, S3");
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("notes/hello.txt"));
        assertThat(MediaTypes.normalise(head.contentType())).isEqualTo("text/plain;charset=utf-8");
    }

    @Test
    void headersWinOverUriOptionsAndCarryContentTypeMetadataAndAcl() {
        Object result = call("trays3:putObjectText?bucket=not-this-one&key=ignored.txt", "{\"a\":1}",
                Map.of(Trays3Constants.BUCKET, bucket, Trays3Constants.KEY, "data/a.json",
                       Trays3Constants.CONTENT_TYPE, "application/json",
                       Trays3Constants.METADATA, Map.of("owner", "team-a"),
                       Trays3Constants.ACL, "public-read"));

        assertThat(map(result).get("Key")).isEqualTo("data/a.json");
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("data/a.json"));
        assertThat(head.contentType()).isEqualTo("application/json");
        assertThat(head.metadata()).containsEntry("owner", "team-a");
        assertThat(s3.getObjectAcl(a -> a.bucket(bucket).key("data/a.json")).grants())
                .anySatisfy(g -> assertThat(g.grantee().uri()).isEqualTo("http://acs.amazonaws.com/groups/global/AllUsers"));
    }

    @Test
    void refusesABodyThatIsNotTextBeforeSendingAnything() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:putObjectText?bucket=" + bucket + "&key=x.txt", Map.of("not", "text"), Map.of());

        assertThat(e).hasMessageContaining("putObjectText").hasMessageContaining("java.util")
                .hasMessageContaining("is not text").hasMessageContaining("marshal().json()");
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void refusesAnUnknownAclNamingTheAllowedOnes() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:putObjectText?bucket=" + bucket + "&key=x.txt&acl=world-readable", "text", Map.of());

        assertThat(e.getInput()).isEqualTo("option 'acl'");
        assertThat(e.getValue()).isEqualTo("world-readable");
        assertThat(e).hasMessageContaining("public-read").hasMessageContaining("bucket-owner-full-control");
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents()).isEmpty();
    }
}
