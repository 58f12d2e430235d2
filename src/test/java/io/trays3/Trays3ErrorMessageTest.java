package io.trays3;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one message builder of the exception family: prefix, place and progress once, then what happened and what to do. */
class Trays3ErrorMessageTest {

    @Test
    void namesTheOperationThenThePlaceThenWhatHappenedAndWhatToDo() {
        assertThat(Trays3ErrorMessage.of("headObject").on("b-1", "a/k.txt").compose("S3 answered NotFound", "Check the key"))
                .isEqualTo("trays3 headObject on 'b-1/a/k.txt': S3 answered NotFound. Check the key");
        assertThat(Trays3ErrorMessage.of("listBucketObjects").on("b-1", null).compose("access denied"))
                .isEqualTo("trays3 listBucketObjects on bucket 'b-1': access denied");
        assertThat(Trays3ErrorMessage.of("listBuckets").on(null, null).compose("access denied", null))
                .isEqualTo("trays3 listBuckets: access denied");
    }

    @Test
    void progressFollowsThePlaceInParentheses() {
        assertThat(Trays3ErrorMessage.of("deleteMultipleObjects").on("b-1", null).progress("earlier batches already deleted 3")
                           .compose("access denied"))
                .isEqualTo("trays3 deleteMultipleObjects on bucket 'b-1' (earlier batches already deleted 3): access denied");
        assertThat(Trays3ErrorMessage.of("deleteObject").progress(" ").compose("x")).isEqualTo("trays3 deleteObject: x");
    }

    @Test
    void badInputNamesWhereTheValueCameFromAndShortensLongValues() {
        assertThat(Trays3ErrorMessage.of("putObjectText").invalidInput("option 'acl'", "world", "is not a canned ACL"))
                .isEqualTo("trays3 putObjectText: option 'acl' value 'world' is not a canned ACL");
        assertThat(Trays3ErrorMessage.of("headObject").invalidInput("option 'key'", null, "is required but not set"))
                .isEqualTo("trays3 headObject: option 'key' is required but not set");
        assertThat(Trays3ErrorMessage.of("headObject").invalidInput("option 'key'", "k".repeat(300), "is too long"))
                .contains("'" + "k".repeat(200) + "... (300 characters)' is too long");
    }

    @Test
    void buildsTheExceptionWithItsOperationAndPlace() {
        RuntimeException cause = new IllegalStateException("boom");

        Trays3Exception e = Trays3ErrorMessage.of("putObjectFile").on("b-1", "k").exception("could not read", null, cause);

        assertThat(e).hasMessage("trays3 putObjectFile on 'b-1/k': could not read").hasCause(cause);
        assertThat(e.getOperation()).isEqualTo("putObjectFile");
        assertThat(e.getBucket()).isEqualTo("b-1");
        assertThat(e.getKey()).isEqualTo("k");
    }
}
