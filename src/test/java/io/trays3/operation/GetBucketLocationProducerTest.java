package io.trays3.operation;

import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.support.S3TestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GetBucketLocationProducerTest extends S3TestSupport {

    @Test
    void answersTheRegionOfTheBucketNamedInTheHeader() {
        Map<String, Object> result = map(call("trays3:getBucketLocation", null, Map.of(Trays3Constants.BUCKET, bucket)));

        assertThat(result.keySet()).containsExactly("result");
        // the servers here answer S3's empty LocationConstraint, which means us-east-1
        assertThat(result.get("result")).isEqualTo("us-east-1");
    }

    @Test
    void normalisesS3sLegacyAnswers() {
        assertThat(GetBucketLocationProducer.regionName(null)).isEqualTo("us-east-1");
        assertThat(GetBucketLocationProducer.regionName("")).isEqualTo("us-east-1");
        assertThat(GetBucketLocationProducer.regionName("EU")).isEqualTo("eu-west-1");
        assertThat(GetBucketLocationProducer.regionName("ap-southeast-2")).isEqualTo("ap-southeast-2");
    }

    @Test
    void refusesAnInvalidBucketNameBeforeAnyRequest() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, "trays3:getBucketLocation", null,
                                                Map.of(Trays3Constants.BUCKET, "My_Bucket"));

        assertThat(e.getInput()).isEqualTo("header CamelTrays3Bucket");
        assertThat(e.getValue()).isEqualTo("My_Bucket");
        assertThat(e).hasMessageContaining("getBucketLocation").hasMessageContaining("lowercase letters");
    }
}
