package io.trays3.metrics;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PriceTableTest {

    @Test
    void theListPricesAreUsEast1sForEveryRegion() {
        PriceTable prices = PriceTable.listPrices();

        for (String region : new String[] {"us-east-1", "eu-west-1", null}) {
            assertThat(prices.per1000(region, RequestClass.PUT_COPY_POST_LIST)).isEqualByComparingTo("0.005");
            assertThat(prices.per1000(region, RequestClass.GET_HEAD)).isEqualByComparingTo("0.0004");
            assertThat(prices.per1000(region, RequestClass.DELETE_CANCEL)).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(prices.perGbOut(region)).isEqualByComparingTo("0.09");
        }
        assertThat(prices.request("us-east-1", RequestClass.PUT_COPY_POST_LIST)).isCloseTo(0.000005, within(1e-12));
        assertThat(prices.transferOut("us-east-1", 1024L * 1024 * 1024)).isCloseTo(0.09, within(1e-12));
    }

    @Test
    void aRegionsOwnEntryWinsOverTheAsteriskWhichWinsOverTheListPrice() {
        PriceTable prices = PriceTable.parse(" eu-west-1.get-head=0.00042, *.transfer-out=0 ,eu-west-1.transfer-out=0.085,"
                                             + "ap-south-1.put-copy-post-list=0.0055");

        assertThat(prices.per1000("eu-west-1", RequestClass.GET_HEAD)).isEqualByComparingTo("0.00042");
        assertThat(prices.perGbOut("eu-west-1")).isEqualByComparingTo("0.085");
        assertThat(prices.perGbOut("us-east-1")).isEqualByComparingTo("0");
        assertThat(prices.per1000("us-east-1", RequestClass.GET_HEAD)).isEqualByComparingTo("0.0004");
        assertThat(prices.per1000("AP-SOUTH-1", RequestClass.PUT_COPY_POST_LIST)).isEqualByComparingTo("0.0055");
        assertThat(PriceTable.parse(" ").perGbOut("eu-west-1")).isEqualByComparingTo("0.09");
    }

    @Test
    void anEntryThatIsNotRegionKeyEqualsUsdIsRefusedWithTheFormItNeeds() {
        for (String wrong : new String[] {"transfer-out=0.09", "eu-west-1.egress=0.09", "eu-west-1.get-head=cheap",
            "eu-west-1.get-head=-1", "eu-west-1.get-head"}) {
            assertThatThrownBy(() -> PriceTable.parse(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("option 'costPrices' entry '" + wrong + "'")
                    .hasMessageContaining("get-head, .put-copy-post-list, .transfer-out")
                    .hasMessageContaining("eu-west-1.transfer-out=0.09");
        }
    }

    @Test
    void requestsArePricedByWhatGoesOnTheWire() {
        assertThat(RequestClass.of("PutObject")).isEqualTo(RequestClass.PUT_COPY_POST_LIST);
        assertThat(RequestClass.of("UploadPart")).isEqualTo(RequestClass.PUT_COPY_POST_LIST);
        assertThat(RequestClass.of("CreateMultipartUpload")).isEqualTo(RequestClass.PUT_COPY_POST_LIST);
        assertThat(RequestClass.of("CompleteMultipartUpload")).isEqualTo(RequestClass.PUT_COPY_POST_LIST);
        assertThat(RequestClass.of("CopyObject")).isEqualTo(RequestClass.PUT_COPY_POST_LIST);
        assertThat(RequestClass.of("ListObjectsV2")).isEqualTo(RequestClass.PUT_COPY_POST_LIST);
        assertThat(RequestClass.of("ListBuckets")).isEqualTo(RequestClass.PUT_COPY_POST_LIST);
        assertThat(RequestClass.of("GetObject")).isEqualTo(RequestClass.GET_HEAD);
        assertThat(RequestClass.of("HeadObject")).isEqualTo(RequestClass.GET_HEAD);
        assertThat(RequestClass.of("HeadBucket")).isEqualTo(RequestClass.GET_HEAD);
        assertThat(RequestClass.of("GetBucketLocation")).isEqualTo(RequestClass.GET_HEAD);
        assertThat(RequestClass.of("DeleteObjects")).isEqualTo(RequestClass.DELETE_CANCEL);
        assertThat(RequestClass.of("AbortMultipartUpload")).isEqualTo(RequestClass.DELETE_CANCEL);
    }
}
