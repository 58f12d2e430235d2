package io.trays3.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.trays3.operation.IamCall;
import io.trays3.operation.Input;
import io.trays3.operation.Trays3Operation;
import io.trays3.support.S3TestSupport;
import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The doctor command against the signature-checking server, and against a stub for what it cannot produce. */
class DoctorCommandTest extends S3TestSupport {

    @TempDir
    Path folder;

    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run doctor(String endpoint, String accessKey, String secretKey, String routes, String... flags) throws IOException {
        Path properties = folder.resolve("application.properties");
        Files.writeString(properties, String.join("\n",
                "trays3.embedded.enabled = false",
                "camel.component.trays3.endpoint-override = " + endpoint,
                "camel.component.trays3.force-path-style = true",
                "camel.component.trays3.access-key = " + accessKey,
                "camel.component.trays3.secret-key = " + secretKey,
                "demo.bucket = " + bucket, ""));
        Path routeFile = folder.resolve("routes.yaml");
        Files.writeString(routeFile, routes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(flags));
        args.add("--properties=" + properties);
        args.add(routeFile.toString());
        int exit = DoctorCommand.run(args.toArray(new String[0]),
                                     new PrintStream(out, true, StandardCharsets.UTF_8),
                                     new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String route(String... uris) {
        StringBuilder yaml = new StringBuilder("- route:\n    id: doctored\n    from:\n      uri: direct:in\n      steps:\n");
        for (String uri : uris) {
            yaml.append("        - to: \"").append(uri).append("\"\n");
        }
        return yaml.toString();
    }

    private Run healthyRun(String routes) throws IOException {
        return doctor(target.endpoint().toString(), target.accessKey(), target.secretKey(), routes);
    }

    @Test
    void aHealthySetupPassesEveryCheckWithoutChangingTheBucket() throws IOException {
        putObject("existing.txt", "x");

        Run run = healthyRun(route("trays3:listBucketObjects?bucket={{demo.bucket}}",
                                   "trays3:getObject?bucket={{demo.bucket}}&key=existing.txt",
                                   "trays3:putObjectText?bucket={{demo.bucket}}&key=out.txt",
                                   "trays3:listBuckets"));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.lines()).contains("✓ s3:ListBucket: listBucketObjects can list " + bucket)
                .anySatisfy(l -> assertThat(l).startsWith("✓ bucket " + bucket + " exists and is reachable"))
                .anySatisfy(l -> assertThat(l).startsWith("✓ s3:GetObject allowed on " + bucket + "/existing.txt"))
                .anySatisfy(l -> assertThat(l).startsWith("✓ s3:PutObject allowed on " + bucket))
                .anySatisfy(l -> assertThat(l).startsWith("✓ s3:ListAllMyBuckets"))
                .noneSatisfy(l -> assertThat(l).startsWith("✗"))
                .endsWith("All checks passed.");
        // the probes wrote nothing
        assertThat(s3.listObjectVersions(l -> l.bucket(bucket)).versions()).as(run.out()).extracting(o -> o.key())
                .containsExactly("existing.txt");
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents()).extracting(o -> o.key()).containsExactly("existing.txt");
    }

    @Test
    void aMissingBucketIsReportedWithExitCode1() throws IOException {
        Run run = healthyRun(route("trays3:putObjectText?bucket=no-such-bucket-doctor&key=a.txt"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines()).anySatisfy(l -> assertThat(l).startsWith("✗ bucket no-such-bucket-doctor does not exist")
                        .contains("putObjectText in route(s) doctored").contains("create it"))
                .endsWith("1 check(s) failed.");
    }

    @Test
    void wrongCredentialsAreReportedOnceWithExitCode1() throws IOException {
        assumeTrue(target.checksCredentials(), target.name() + " accepts any credentials");
        Run run = doctor(target.endpoint().toString(), target.accessKey(), "not-the-secret",
                         route("trays3:listBucketObjects?bucket={{demo.bucket}}"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines()).filteredOn(l -> l.startsWith("✗")).singleElement().satisfies(l ->
                assertThat(l).contains("the credentials are refused (SignatureDoesNotMatch)").contains("TRAYS3_SECRET_KEY"));
        assertThat(run.out()).doesNotContain("not-the-secret");
    }

    @Test
    void anUnknownAccessKeyIsReportedAsRefusedCredentials() throws IOException {
        assumeTrue(target.checksCredentials(), target.name() + " accepts any credentials");
        Run run = doctor(target.endpoint().toString(), "AKIAUNKNOWN", target.secretKey(),
                         route("trays3:headObject?bucket={{demo.bucket}}&key=k"));

        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("✗ the credentials are refused (InvalidAccessKeyId)");
    }

    @Test
    void deniedPermissionsNameTheStatementToAddAndDisabledAclsAreFoundBeforeAnyUpload() throws IOException {
        try (StubS3Server stub = StubS3Server.routing(r -> {
            if ("HEAD".equals(r.method())) {
                return new Response(200, "");
            }
            if (r.query() != null && r.query().contains("ownershipControls")) {
                return new Response(200, "<OwnershipControls xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule>"
                                         + "<ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>");
            }
            if ("PUT".equals(r.method())) {
                return new Response(400, StubS3Server.errorXml("BadDigest", "The Content-MD5 you specified did not match",
                                                               "D1"));
            }
            return new Response(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "D2"));
        })) {
            Run run = doctor(stub.endpoint().toString(), "AKIASTUB", "stub-secret",
                             route("trays3:listBucketObjects?bucket=locked-bucket",
                                   "trays3:putObjectFile?bucket=locked-bucket&acl=bucket-owner-full-control"));

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("✗ s3:ListBucket denied on locked-bucket (AccessDenied): listBucketObjects will fail\n"
                    + "    add to the policy: {\"Effect\": \"Allow\", \"Action\": [\"s3:ListBucket\"], \"Resource\":"
                    + " \"arn:aws:s3:::locked-bucket\"}");
            assertThat(run.out()).contains("✗ bucket locked-bucket has ACLs disabled (Object Ownership BucketOwnerEnforced)");
            assertThat(run.out()).contains("✓ s3:PutObject allowed on locked-bucket (probed with a bad digest");
            assertThat(run.out()).endsWith("2 check(s) failed.\n");
            // every probe was a read, or a write the server had to refuse
            assertThat(stub.seen()).allSatisfy(r -> assertThat(r.method()).isIn("HEAD", "GET", "PUT"))
                    .filteredOn(r -> "PUT".equals(r.method()))
                    .allSatisfy(r -> assertThat(r.header("Content-MD5")).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg=="));
        }
    }

    @Test
    void aDeniedUploadNamesTheActionsOfTheOperationsThatUploadToTheBucket() throws IOException {
        try (StubS3Server stub = StubS3Server.routing(r -> "HEAD".equals(r.method()) ? new Response(200, "")
                : new Response(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "D3")))) {
            Run run = doctor(stub.endpoint().toString(), "AKIASTUB", "stub-secret",
                             route("trays3:putObjectFile?bucket=file-bucket",
                                   "trays3:putObjectText?bucket=text-bucket&key=a.txt"));

            assertThat(run.exit()).isEqualTo(1);
            // putObjectFile aborts a multipart upload that fails: the statement carries s3:AbortMultipartUpload too
            assertThat(run.out()).contains("✗ s3:PutObject denied on file-bucket (AccessDenied)")
                    .contains("    add to the policy: {\"Effect\": \"Allow\", \"Action\": [\"s3:PutObject\","
                              + " \"s3:AbortMultipartUpload\"], \"Resource\": \"arn:aws:s3:::file-bucket/*\"}")
                    .contains("• putObjectFile on file-bucket: s3:AbortMultipartUpload not probed")
                    .contains("    add to the policy: {\"Effect\": \"Allow\", \"Action\": [\"s3:PutObject\"],"
                              + " \"Resource\": \"arn:aws:s3:::text-bucket/*\"}")
                    .doesNotContain("putObjectText on text-bucket: s3:AbortMultipartUpload");
            assertThat(run.out()).endsWith("2 check(s) failed.\n");
        }
    }

    /** Doctor asks each operation what it needs: every action of every operation is probed, or named as not probed. */
    @ParameterizedTest
    @EnumSource(Trays3Operation.class)
    void everyActionAnOperationNeedsIsCheckedOrNamed(Trays3Operation operation) throws IOException {
        StringBuilder uri = new StringBuilder("trays3:" + operation);
        char separator = '?';
        for (Input<?> input : operation.spec().inputs()) {
            if (input.hasOption() && input.iam() != Input.IamUse.NONE) {
                String value = namesBucket(input) ? "{{demo.bucket}}" : EveryOperationTest.sample(input);
                uri.append(separator).append(input.option()).append('=').append(value);
                separator = '&';
            }
        }
        Run run = healthyRun(EveryOperationTest.route("doctored", operation, uri.toString()));

        IamCall call = new IamCall() {
            @Override
            public String valueOf(Input<?> input) {
                return namesBucket(input) ? bucket : EveryOperationTest.sample(input);
            }

            @Override
            public boolean given(Input<?> input) {
                return operation.spec().reads(input);
            }
        };
        List<String> actions = operation.grants(call).stream().flatMap(g -> g.actions().stream()).distinct().toList();
        assertThat(actions).isNotEmpty();
        for (String action : actions) {
            assertThat(run.lines()).as(run.out()).anySatisfy(l -> assertThat(l).matches("^[✓•] .*").contains(action));
        }
        assertThat(run.exit()).as(run.out()).isZero();
    }

    /** Every bucket the doctor probes must exist on the test server: all of them are the test bucket. */
    private static boolean namesBucket(Input<?> input) {
        return input.option().toLowerCase(java.util.Locale.ROOT).contains("bucket");
    }

    @Test
    void strictExitsWithThreeWhenEveryCheckPassesButAGrantIsWiderThanTheRoutesName() throws IOException {
        String routes = "- route:\n    id: doctored\n    from:\n      uri: direct:in\n      steps:\n"
                        + "        - to: \"trays3:putObjectText?bucket={{demo.bucket}}&key=out.txt\"\n"
                        + "        - process:\n            ref: enrich\n"
                        + "        - to: \"trays3:headObject?bucket={{demo.bucket}}&key=out.txt\"\n";

        Run plain = doctor(target.endpoint().toString(), target.accessKey(), target.secretKey(), routes);
        Run strict = doctor(target.endpoint().toString(), target.accessKey(), target.secretKey(), routes, "--strict");

        assertThat(plain.exit()).as(plain.out()).isZero();
        assertThat(strict.exit()).as(strict.out()).isEqualTo(3);
        assertThat(strict.lines()).contains("All checks passed.")
                .anySatisfy(l -> assertThat(l).startsWith("• route 'doctored'").contains("trays3:headObject")
                        .contains("may be set by the 'process' step (ref=enrich) before it"))
                .last().asString().startsWith("--strict: 1 grant(s) wider than the routes name");
    }

    @Test
    void badArgumentsAreAUsageError() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DoctorCommand.run(new String[] {"--format=json"}, new PrintStream(new ByteArrayOutputStream()),
                                     new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--format=json'").contains("usage: doctor");
    }
}
