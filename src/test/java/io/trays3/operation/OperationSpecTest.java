package io.trays3.operation;

import java.util.List;

import io.trays3.operation.OperationSpec.Trait;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operation description: where inputs are looked for, and the checks that keep a new operation consistent. */
class OperationSpecTest {

    @Test
    void placesAreHeaderThenUriOptionThenFallbacksThenComponentDefault() {
        assertThat(Trays3Operation.putObjectFile.places(Input.KEY)).extracting(InputPlace::describe).containsExactly(
                "header CamelTrays3Key", "option 'key'", "header CamelAwsS3Key", "header CamelFileName", "option 'key'");
        assertThat(Trays3Operation.putObjectFile.places(Input.KEY)).extracting(InputPlace::kind).containsExactly(
                InputPlace.Kind.HEADER, InputPlace.Kind.URI_OPTION, InputPlace.Kind.OTHER_HEADER,
                InputPlace.Kind.OTHER_HEADER, InputPlace.Kind.COMPONENT_DEFAULT);
        assertThat(Trays3Operation.putObjectText.places(Input.KEY)).extracting(InputPlace::describe).containsExactly(
                "header CamelTrays3Key", "option 'key'", "header CamelAwsS3Key", "option 'key'");
        assertThat(Trays3Operation.putObjectText.places(Input.METADATA)).extracting(InputPlace::describe)
                .as("a header-only input has no option places").containsExactly("header CamelTrays3Metadata");
    }

    @Test
    void aVersionInputMustSayWhetherItIsReadOrChanged() {
        OperationSpec neither = OperationSpec.of(List.of(Input.BUCKET, Input.KEY, Input.VERSION_ID), call -> List.of());
        OperationSpec both = neither.with(Trait.READS_VERSION, Trait.CHANGES_VERSION);

        assertThatThrownBy(() -> neither.check("newOperation")).isInstanceOf(IllegalStateException.class)
                .hasMessage("newOperation reads versionId: declare exactly one of READS_VERSION and CHANGES_VERSION");
        assertThatThrownBy(() -> both.check("newOperation")).isInstanceOf(IllegalStateException.class);
        neither.with(Trait.READS_VERSION).check("newOperation");
    }

    @Test
    void anUploadReadsTheContentTypeAndMetadataItWrites() {
        OperationSpec upload = OperationSpec.of(List.of(Input.BUCKET, Input.KEY, Input.CONTENT_TYPE), call -> List.of())
                .with(Trait.UPLOADS);

        assertThatThrownBy(() -> upload.check("newUpload")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("contentType and metadata");
    }
}
