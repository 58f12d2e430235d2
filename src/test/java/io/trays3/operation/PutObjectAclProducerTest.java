package io.trays3.operation;

import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.Trays3ServiceException;
import io.trays3.support.S3TestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.Grant;

import static org.assertj.core.api.Assertions.assertThat;

class PutObjectAclProducerTest extends S3TestSupport {

    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

    @Test
    void setsACannedAclAndAnswersSuccess() {
        putObject("share/me.txt", "hi");

        Map<String, Object> result = map(call("trays3:putObjectAcl?bucket=" + bucket + "&key=share/me.txt&acl=public-read"));

        assertThat(result).isEqualTo(Map.of("success", true));
        assertThat(s3.getObjectAcl(a -> a.bucket(bucket).key("share/me.txt")).grants())
                .anySatisfy(g -> assertThat(g.grantee().uri()).isEqualTo(ALL_USERS));
    }

    @Test
    void theAclHeaderWinsAndPrivateTakesPublicAccessAway() {
        putObject("me.txt", "hi");
        call("trays3:putObjectAcl?bucket=" + bucket + "&key=me.txt&acl=public-read");

        call("trays3:putObjectAcl?bucket=" + bucket + "&key=me.txt&acl=public-read", null,
             Map.of(Trays3Constants.ACL, "private"));

        assertThat(s3.getObjectAcl(a -> a.bucket(bucket).key("me.txt")).grants())
                .extracting(Grant::grantee).noneSatisfy(g -> assertThat(g.uri()).isEqualTo(ALL_USERS));
    }

    @Test
    void refusesAMissingAclListingTheCannedOnes() {
        putObject("me.txt", "hi");

        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:putObjectAcl?bucket=" + bucket + "&key=me.txt", null, Map.of());

        assertThat(e).hasMessageContaining("putObjectAcl").hasMessageContaining("option 'acl'")
                .hasMessageContaining("required").hasMessageContaining("public-read, public-read-write");
    }

    @Test
    void refusesAnUnknownAclFromTheHeader() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:putObjectAcl?bucket=" + bucket + "&key=me.txt", null, Map.of(Trays3Constants.ACL, "PUBLIC"));

        assertThat(e.getInput()).isEqualTo("header CamelTrays3Acl");
        assertThat(e.getValue()).isEqualTo("PUBLIC");
        assertThat(e.getBucket()).isEqualTo(bucket);
        assertThat(e.getKey()).isEqualTo("me.txt");
    }

    @Test
    void aMissingObjectIsAServiceError() {
        Trays3ServiceException e = failure(Trays3ServiceException.class,
                "trays3:putObjectAcl?bucket=" + bucket + "&key=missing.txt&acl=private", null, Map.of());

        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getKey()).isEqualTo("missing.txt");
    }
}
