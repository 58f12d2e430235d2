package io.trays3.scale;

import java.sql.Timestamp;
import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

/**
 * camel-sql's orphan-lock aware repository with an atomic takeover, for the scale-out run's comparison. camel-sql 4.18's
 * {@code insert} counts the rows of the key again without looking at their age, and updates the timestamp of any row it
 * finds: a claim another instance made between that check and the age check of {@code add} is taken over although it is
 * alive, and both instances process the object. Here an orphan is taken with one conditional UPDATE (only a row still
 * older than {@code lockMaxAgeMillis}); otherwise only a plain INSERT can win, and a concurrent claim makes it fail with
 * a duplicate key, which the consumer takes as claimed elsewhere. The row won is then handed to camel-sql's
 * {@code insert}, which refreshes it and keeps it alive.
 */
public final class AtomicTakeoverRepository extends JdbcOrphanLockAwareIdempotentRepository {

    public AtomicTakeoverRepository(DataSource dataSource, String processorName, CamelContext context) {
        super(dataSource, processorName, context);
    }

    @Override
    protected int insert(String key) {
        long now = System.currentTimeMillis();
        String table = getTableName() != null ? getTableName() : "CAMEL_MESSAGEPROCESSED";
        int taken = getJdbcTemplate().update(
                "UPDATE " + table + " SET createdAt = ? WHERE processorName = ? AND messageId = ? AND createdAt < ?",
                new Timestamp(now), getProcessorName(), key, new Timestamp(now - getLockMaxAgeMillis()));
        if (taken == 0) {
            getJdbcTemplate().update(getInsertString(), getProcessorName(), key, new Timestamp(now));
        }
        return super.insert(key);
    }
}
