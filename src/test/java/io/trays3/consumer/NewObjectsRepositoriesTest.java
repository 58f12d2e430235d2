package io.trays3.consumer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.trays3.Trays3Component;
import io.trays3.Trays3Exception;
import io.trays3.operation.NewObjectsConsumer;
import io.trays3.support.Eventually;
import io.trays3.support.S3TestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the repository choice guarantees: instances in two CamelContexts sharing one JDBC repository (camel-sql on H2,
 * each instance with its own repository object on the one database, as separate JVMs would be) deliver each object once
 * between them; a consumer restarted with a FileIdempotentRepository delivers nothing again; an orphan-lock aware
 * in-progress repository hands over the object an instance claimed and never finished (it died).
 */
class NewObjectsRepositoriesTest extends S3TestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private CamelContext second;
    private CamelContext restarted;

    @AfterEach
    void stopTheOtherContexts() {
        for (CamelContext other : new CamelContext[] {second, restarted}) {
            if (other != null) {
                other.stop();
            }
        }
    }

    /** A context of its own (another instance) with the trays3 component pointed at the test server. */
    private CamelContext instance(String name) {
        CamelContext instance = new DefaultCamelContext();
        instance.getCamelContextExtension().setName(name);
        Trays3Component component = new Trays3Component();
        target.configure(component.getConfiguration());
        instance.addComponent("trays3", component);
        return instance;
    }

    private static void consume(CamelContext instance, String uri, Deliveries deliveries) throws Exception {
        instance.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(deliveries);
            }
        });
    }

    private static JdbcDataSource database(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        // kept while the JVM runs, as a database server would be; each test has its own
        dataSource.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    @Test
    void twoInstancesSharingOneJdbcRepositoryDeliverEachObjectOnceBetweenThem() throws Exception {
        List<String> keys = IntStream.range(0, 30).mapToObj(i -> "shared/" + i + ".json").toList();
        keys.forEach(key -> putObject(key, "{\"n\":\"" + key + "\"}"));
        JdbcDataSource database = database("shared");
        Deliveries one = new Deliveries("one");
        Deliveries two = new Deliveries("two");
        PollCounter onePolls = new PollCounter();
        PollCounter twoPolls = new PollCounter();
        second = instance("two");
        for (Object[] instance : new Object[][] {{context, one, onePolls}, {second, two, twoPolls}}) {
            CamelContext camel = (CamelContext) instance[0];
            // each instance has its own repository object on the one database, with the same processor name
            camel.getRegistry().bind("seen", new JdbcMessageIdRepository(database, "incoming-orders"));
            camel.getRegistry().bind("polls", instance[2]);
            consume(camel, "trays3:newObjects?bucket=" + bucket + "&prefix=shared/&idempotentRepository=#seen"
                           + "&pollStrategy=#polls&initialDelay=0&delay=50", (Deliveries) instance[1]);
        }
        second.start();

        Eventually.until(WAIT, "30 deliveries between the two", () -> one.size() + two.size() >= 30);
        onePolls.awaitMore(3);
        twoPolls.awaitMore(3);

        Map<String, Long> times = java.util.stream.Stream.concat(one.keys().stream(), two.keys().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(times.values()).as("deliveries per object").containsOnly(1L);
        assertThat(onePolls.errors()).isEmpty();
        assertThat(twoPolls.errors()).isEmpty();
    }

    @Test
    void aRestartedConsumerWithAFileRepositoryDeliversNothingAgainButWhatIsNew() throws Exception {
        IntStream.range(0, 5).forEach(i -> putObject("kept/" + i, "v" + i));
        File store = temp.resolve("newobjects.dat").toFile();
        Deliveries before = new Deliveries("before");
        PollCounter beforePolls = new PollCounter();
        context.getRegistry().bind("seen", FileIdempotentRepository.fileIdempotentRepository(store));
        context.getRegistry().bind("polls", beforePolls);
        consume(context, "trays3:newObjects?bucket=" + bucket + "&idempotentRepository=#seen&pollStrategy=#polls"
                         + "&initialDelay=0&delay=50", before);
        Eventually.until(WAIT, "5 deliveries", () -> before.size() >= 5);
        beforePolls.awaitMore(2);
        context.stop();
        assertThat(Files.readAllLines(store.toPath())).as("one line per object").hasSize(5)
                .contains(NewObjectsConsumer.repositoryKey(bucket, "kept/0", s3.headObject(h -> h.bucket(bucket)
                        .key("kept/0")).eTag()));

        // a new JVM would build everything anew: a new context, a new repository object on the same file
        putObject("kept/new", "written while the consumer was down");
        putObject("kept/0", "v0, changed while the consumer was down");
        restarted = instance("restarted");
        Deliveries after = new Deliveries("after");
        PollCounter afterPolls = new PollCounter();
        restarted.getRegistry().bind("seen", FileIdempotentRepository.fileIdempotentRepository(store));
        restarted.getRegistry().bind("polls", afterPolls);
        consume(restarted, "trays3:newObjects?bucket=" + bucket + "&idempotentRepository=#seen&pollStrategy=#polls"
                           + "&initialDelay=0&delay=50", after);
        restarted.start();
        Eventually.until(WAIT, "the new and the changed object", () -> after.size() >= 2);
        afterPolls.awaitMore(3);

        assertThat(before.keys()).containsExactlyInAnyOrder("kept/0", "kept/1", "kept/2", "kept/3", "kept/4");
        assertThat(after.keys()).as("after the restart").containsExactlyInAnyOrder("kept/new", "kept/0");
    }

    @Test
    void anObjectClaimedByAnInstanceThatDiedIsTakenOverOnceItsLockIsOrphaned() throws Exception {
        IntStream.range(0, 4).forEach(i -> putObject("work/" + i, "job " + i));
        String orphanedEtag = s3.headObject(h -> h.bucket(bucket).key("work/2")).eTag();
        JdbcDataSource database = database("orphans");
        long lockMaxAgeMillis = 2000;

        // instance one claimed work/2 and died: its claim stays in the table, no longer kept alive
        JdbcOrphanLockAwareIdempotentRepository dead = orphanAware(database, new DefaultCamelContext(), lockMaxAgeMillis);
        dead.start();
        assertThat(dead.add(NewObjectsConsumer.repositoryKey(bucket, "work/2", orphanedEtag))).isTrue();
        long died = System.currentTimeMillis();
        dead.stop();
        dead.shutdown();

        // instance two shares the database: what it did is recorded by a plain JDBC repository, claims by an orphan-aware one
        Deliveries survivor = new Deliveries("survivor");
        PollCounter polls = new PollCounter();
        context.getRegistry().bind("done", new JdbcMessageIdRepository(database, "work-done"));
        context.getRegistry().bind("claims", orphanAware(database, context, lockMaxAgeMillis));
        context.getRegistry().bind("polls", polls);
        consume(context, "trays3:newObjects?bucket=" + bucket + "&prefix=work/&idempotentRepository=#done"
                         + "&inProgressRepository=#claims&pollStrategy=#polls&initialDelay=0&delay=100", survivor);

        Eventually.until(WAIT, "the other three objects", () -> survivor.size() >= 3);
        assertThat(survivor.keys()).as("while the dead instance's claim is fresh")
                .containsExactlyInAnyOrder("work/0", "work/1", "work/3");
        Eventually.until(WAIT, "the orphaned object", () -> survivor.count("work/2") == 1);
        long tookOver = System.currentTimeMillis();
        polls.awaitMore(5);

        assertThat(tookOver - died).as("taken over once the claim was older than lockMaxAgeMillis")
                .isGreaterThanOrEqualTo(lockMaxAgeMillis - 200);
        assertThat(survivor.keys()).as("each object once").hasSize(4).doesNotHaveDuplicates();
        IdempotentRepository done = context.getRegistry().lookupByNameAndType("done", IdempotentRepository.class);
        assertThat(done.contains(NewObjectsConsumer.repositoryKey(bucket, "work/2", orphanedEtag))).isTrue();
        JdbcOrphanLockAwareIdempotentRepository claims = context.getRegistry()
                .lookupByNameAndType("claims", JdbcOrphanLockAwareIdempotentRepository.class);
        assertThat(claims.getProcessorNameMessageIdSet()).as("no claim is held once the objects are done").isEmpty();
    }

    @Test
    void aClaimLostToAnotherInstanceAtTheSameMomentIsSkippedAndABrokenRepositoryFailsThePoll() throws Exception {
        putObject("race/won-elsewhere", "1");
        putObject("race/mine", "2");
        String raced = NewObjectsConsumer.repositoryKey(bucket, "race/won-elsewhere",
                                                        s3.headObject(h -> h.bucket(bucket).key("race/won-elsewhere")).eTag());
        // as a shared JDBC repository does when another instance inserted the same key in the same moment
        MemoryIdempotentRepository shared = new MemoryIdempotentRepository();
        IdempotentRepository racing = new ForwardingRepository(shared) {
            @Override
            public boolean add(String key) {
                if (key.equals(raced)) {
                    shared.add(key);
                    throw new IllegalStateException("duplicate key value violates unique constraint");
                }
                return super.add(key);
            }
        };
        Deliveries deliveries = new Deliveries();
        PollCounter polls = new PollCounter();
        context.getRegistry().bind("racing", racing);
        context.getRegistry().bind("polls", polls);
        consume(context, "trays3:newObjects?bucket=" + bucket + "&idempotentRepository=#racing&pollStrategy=#polls"
                         + "&initialDelay=0&delay=50", deliveries);
        Eventually.until(WAIT, "the object not raced for", () -> deliveries.size() >= 1);
        polls.awaitMore(3);

        assertThat(deliveries.keys()).containsExactly("race/mine");
        assertThat(polls.errors()).isEmpty();

        // a repository that cannot be reached fails every poll, naming the object and the repository's reason
        PollCounter brokenPolls = new PollCounter();
        IdempotentRepository broken = new ForwardingRepository(new MemoryIdempotentRepository()) {
            @Override
            public boolean add(String key) {
                throw new IllegalStateException("Connection refused: db:5432");
            }
        };
        restarted = instance("broken");
        restarted.getRegistry().bind("broken", broken);
        restarted.getRegistry().bind("polls", brokenPolls);
        consume(restarted, "trays3:newObjects?bucket=" + bucket + "&idempotentRepository=#broken&pollStrategy=#polls"
                           + "&initialDelay=0&delay=50", new Deliveries());
        restarted.start();
        Eventually.until(WAIT, "a failed poll", () -> !brokenPolls.errors().isEmpty());

        assertThat(brokenPolls.errors().get(0)).isInstanceOf(Trays3Exception.class)
                .hasMessageStartingWith("trays3 newObjects on '" + bucket + "/race/")
                .hasMessageContaining("could not claim the object in the repository: Connection refused: db:5432");
    }

    /** A repository that hands every call to another one. */
    private static class ForwardingRepository implements IdempotentRepository {
        private final IdempotentRepository delegate;

        ForwardingRepository(IdempotentRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean add(String key) {
            return delegate.add(key);
        }

        @Override
        public boolean contains(String key) {
            return delegate.contains(key);
        }

        @Override
        public boolean remove(String key) {
            return delegate.remove(key);
        }

        @Override
        public boolean confirm(String key) {
            return delegate.confirm(key);
        }

        @Override
        public void clear() {
            delegate.clear();
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public void stop() {
            delegate.stop();
        }
    }

    private static JdbcOrphanLockAwareIdempotentRepository orphanAware(JdbcDataSource database, CamelContext camel,
                                                                      long lockMaxAgeMillis) {
        JdbcOrphanLockAwareIdempotentRepository repository = new JdbcOrphanLockAwareIdempotentRepository(database,
                "work-claims", camel);
        repository.setLockMaxAgeMillis(lockMaxAgeMillis);
        repository.setLockKeepAliveIntervalMillis(lockMaxAgeMillis / 4);
        return repository;
    }
}
