package io.trays3.consumer;

import java.time.Duration;

import io.trays3.Trays3AccessDeniedException;
import io.trays3.Trays3InvalidInputException;
import io.trays3.Trays3ServiceException;
import io.trays3.support.Eventually;
import io.trays3.support.S3ProxyTarget;
import io.trays3.support.StubContextSupport;
import io.trays3.support.StubS3Server;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The consumer's errors: a bucket that does not exist and a listing the credentials may not make are reported at each
 * poll in the exception family, naming the bucket and what to check; options that cannot work stop the route from
 * starting; event mode without reconciliation sends no request of its own.
 */
class NewObjectsErrorsTest extends StubContextSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final PollCounter polls = new PollCounter();

    private void start(CamelContext camel, String uri) throws Exception {
        context = camel;
        context.getRegistry().bind("polls", polls);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("consumer").to("log:never");
            }
        });
    }

    private Exception firstPollError() {
        Eventually.until(WAIT, "a failed poll", () -> !polls.errors().isEmpty());
        return polls.errors().get(0);
    }

    @Test
    void aBucketThatDoesNotExistIsReportedAtEachPollNamingTheBucketAndWhatToCheck() throws Exception {
        S3ProxyTarget server = S3ProxyTarget.get();
        start(Trays3Contexts.pointedAt(server.endpoint(), Trays3Contexts.keys(server.accessKey(), server.secretKey())),
              "trays3:newObjects?bucket=no-such-bucket-newobjects&pollStrategy=#polls&initialDelay=0&delay=100");

        Exception error = firstPollError();
        polls.awaitMore(1);

        assertThat(error).isInstanceOf(Trays3ServiceException.class);
        Trays3ServiceException missing = (Trays3ServiceException) error;
        assertThat(missing.getErrorCode()).isEqualTo("NoSuchBucket");
        assertThat(missing.getBucket()).isEqualTo("no-such-bucket-newobjects");
        assertThat(missing).hasMessageStartingWith("trays3 newObjects on bucket 'no-such-bucket-newobjects': S3 answered"
                                                   + " NoSuchBucket")
                .hasMessageEndingWith("Check the bucket name, and that the bucket exists where trays3 connects"
                                      + " (endpointOverride, region)");
        assertThat(polls.errors()).as("tried again at every poll").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aListingTheCredentialsMayNotMakeNamesTheListingGrantAlone() throws Exception {
        stub = StubS3Server.routing(r -> new StubS3Server.Response(403, StubS3Server.errorXml("AccessDenied", "Access Denied",
                                                                                              "REQ-L1")));
        start(Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret")),
              "trays3:newObjects?bucket=locked-bucket&prefix=in/&moveAfterRead=true&destinationBucket=archive-bucket"
              + "&pollStrategy=#polls&initialDelay=0&delay=100");

        Exception error = firstPollError();

        assertThat(error).isInstanceOf(Trays3AccessDeniedException.class);
        Trays3AccessDeniedException denied = (Trays3AccessDeniedException) error;
        assertThat(denied.getRequiredActions()).containsExactly("s3:ListBucket");
        assertThat(denied.getResource()).isEqualTo("arn:aws:s3:::locked-bucket");
        assertThat(denied).hasMessage("trays3 newObjects on bucket 'locked-bucket': access denied. The credentials need"
                                      + " s3:ListBucket on arn:aws:s3:::locked-bucket (S3 said: Access Denied; request id"
                                      + " REQ-L1)");
        assertThat(stub.requests()).allMatch(r -> r.startsWith("GET /locked-bucket?list-type=2"));
    }

    @Test
    void optionsThatCannotWorkStopTheRouteFromStartingNamingTheOption() throws Exception {
        stub = StubS3Server.routing(r -> new StubS3Server.Response(500, ""));
        String[][] cases = {
            {"bucket=Not_A_Bucket", "option 'bucket' value 'Not_A_Bucket' is not a valid bucket name"},
            {"bucket=b-1&moveAfterRead=true", "option 'destinationPrefix' is required to move objects within their bucket"},
            {"bucket=b-1&prefix=in/&moveAfterRead=true&destinationPrefix=in/done/",
             "option 'destinationPrefix' value 'in/done/' is under the consumed prefix 'in/' of the same bucket"},
            {"bucket=b-1&moveAfterRead=true&destinationBucket=b-2&destinationPrefix=archive/../",
             "option 'destinationPrefix' value 'archive/../' has a '..' path segment"},
            {"bucket=b-1&include=[a-", "option 'include' value '[a-' is not a regular expression"},
            {"bucket=b-1&notifications=trays3:newObjects", "option 'notifications' value 'trays3:newObjects' is a trays3"
                                                           + " endpoint"},
            {"bucket=b-1&reconcileDelay=5000", "option 'reconcileDelay' value '5000' is for event mode"},
            {"bucket=b-1&maxMessagesPerPoll=-1", "option 'maxMessagesPerPoll' value '-1' is negative"},
        };
        for (String[] bad : cases) {
            CamelContext camel = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));
            try {
                // the context runs: the route starts as it is added
                Throwable refused = catchThrowable(() -> camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("trays3:newObjects?" + bad[0]).to("log:never");
                    }
                }));
                assertThat(refused).as(bad[0]).isNotNull();
                while (refused.getCause() != null) {
                    refused = refused.getCause();
                }
                assertThat(refused).as(bad[0]).isInstanceOf(Trays3InvalidInputException.class)
                        .hasMessageStartingWith("trays3 newObjects: " + bad[1]);
            } finally {
                camel.stop();
            }
        }
        assertThat(stub.requests()).as("refused before any request").isEmpty();
    }

    @Test
    void eventModeWithoutReconciliationSendsNoRequestOfItsOwn() throws Exception {
        stub = StubS3Server.routing(r -> new StubS3Server.Response(500, ""));
        Deliveries deliveries = new Deliveries();
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("trays3:newObjects?bucket=quiet-bucket&notifications=direct:events&initialDelay=0&delay=50")
                        .process(deliveries);
            }
        });
        String event = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"2026-11-28T10:00:00Z\","
                       + "\"s3\":{\"bucket\":{\"name\":\"quiet-bucket\"},\"object\":{\"key\":\"a.txt\",\"size\":3,"
                       + "\"eTag\":\"900150983cd24fb0d6963f7d28e17f72\"}}}]}";

        context.createProducerTemplate().sendBody("direct:events", event);
        context.createProducerTemplate().sendBody("direct:events", event);

        assertThat(deliveries.keys()).containsExactly("a.txt");
        assertThat(stub.requests()).as("no listing, no request").isEmpty();
    }
}
