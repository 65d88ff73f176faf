package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Lambda's DynamoDB event source mapping, emulated on DynamoDB Local: it reads every shard of a table's stream from
 * its start, parents before children, keeps the records that pass the source's filter patterns, and hands them to a
 * function in batches, in order within a shard.
 *
 * <p>As Lambda checkpoints: a batch whose function reports item failures is retried from its lowest failed record, and
 * one whose function throws is retried whole; after the source's retries the failing records are logged and skipped,
 * and the on-failure destination, if any, is told where they were ({@link StreamBatchFailure}).
 * When the table is recreated ({@link LocalDynamoDb#freshTables()}) the poller moves to its new stream.
 *
 * <p>As Lambda batches: a batch that is not full waits for more records until the source's batching window
 * ({@code MaximumBatchingWindowInSeconds}) has passed since its first record was read; a full one goes at once.
 *
 * <p>Poll in the background with {@link #start()}, or call {@link #drain(Duration)}, which also works unstarted. In the
 * background, a poller that finds its stream empty waits longer each time, up to ten minutes, and is woken at once by
 * a write to DynamoDB Local ({@link LocalDynamoDb#addWriteListener}): an idle runtime costs almost nothing, and a write
 * is delivered without waiting for the next poll. Only a write that may have made a record its filter passes wakes it
 * ({@link RecordFilter#mayPass}): the score function's poller sleeps through the score function's own transactions,
 * and the publish function's through the activities ingested, so that each write wakes one pass per function that will
 * be given its records rather than one per poller of the table. (Lambda polls a shard four times a second; locally every write goes
 * through this JVM, so the timer is only a safety net and can be much slower.) A pass that a write started reads the
 * shards it knows and skips {@code DescribeTable} and {@code DescribeStream}, two thirds of a pass's requests; the
 * stream is described again on every timed pass and {@link #drain}, after a table is created, deleted or updated, after
 * a failed pass, and when a shard it reads is closed (its children follow it).
 */
public final class StreamPoller implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StreamPoller.class.getName());
    /** The wait before a failed batch is retried, and while {@link #drain} waits for one. */
    private static final long POLL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Lambda's default is to retry until the records expire a day later; locally a failing batch would stall drain. */
    static final int LOCAL_RETRY_LIMIT = 10;

    private final LocalDynamoDb db;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final String tableName;
    private final StreamSource source;
    private final RecordFilter filter;
    private final int maxRetries;
    private final long windowNanos;
    private final Function<DynamodbEvent, StreamsEventResponse> function;
    private final Consumer<StreamBatchFailure> onFailure;
    private final IdleBackoff backoff;
    private final Wakeup wakeup = new Wakeup();
    private final AtomicBoolean tableChanged = new AtomicBoolean();
    private final Consumer<String> ring = this::written;
    private final Runnable tableChange = () -> tableChanged.set(true);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong wakeupsByWrite = new AtomicLong();
    private final AtomicLong writesSlept = new AtomicLong();
    private final AtomicLong describes = new AtomicLong();
    private final Object pollLock = new Object();
    private final Map<String, ShardCursor> cursors = new HashMap<>();
    private String streamArn;
    private List<Shard> knownShards; // guarded by pollLock; null when the stream must be described again
    private volatile Thread thread;
    private volatile boolean closed;

    /** A poller whose skipped batches go nowhere but the log. */
    public StreamPoller(LocalDynamoDb db, StreamSource source, Function<DynamodbEvent, StreamsEventResponse> function) {
        this(db, source, function, failure -> { });
    }

    /**
     * @param onFailure told of each batch skipped after its retries: the source's on-failure destination
     * @throws IllegalStateException if the table has no stream
     */
    public StreamPoller(LocalDynamoDb db, StreamSource source, Function<DynamodbEvent, StreamsEventResponse> function,
                        Consumer<StreamBatchFailure> onFailure) {
        this(db, source, function, onFailure, IdleBackoff.DEFAULT);
    }

    StreamPoller(LocalDynamoDb db, StreamSource source, Function<DynamodbEvent, StreamsEventResponse> function,
                 Consumer<StreamBatchFailure> onFailure, IdleBackoff backoff) {
        this.db = db;
        this.backoff = backoff;
        this.dynamo = db.client();
        this.streams = db.streamsClient();
        this.tableName = db.tableName(source.tableLogicalId());
        this.source = source;
        this.filter = new RecordFilter(source.filterPatterns());
        this.windowNanos = source.maximumBatchingWindow().toNanos();
        this.maxRetries = source.maximumRetryAttempts() == StreamSource.RETRY_UNTIL_EXPIRED
                ? LOCAL_RETRY_LIMIT : source.maximumRetryAttempts();
        this.function = function;
        this.onFailure = onFailure;
        latestStreamArn(); // fails now rather than in the polling thread
    }

    /** Polls in a daemon thread until closed, backing off while the stream is empty and woken by writes. */
    public synchronized StreamPoller start() {
        if (thread != null || closed) {
            throw new IllegalStateException("a poller starts once, before it is closed");
        }
        db.addTableChangeListener(tableChange);
        db.addWriteListener(ring);
        thread = new Thread(this::pollUntilClosed, "stream-poller-" + tableName);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Returns once every record that was in the stream when called has been delivered, or skipped after its retries.
     *
     * @throws IllegalStateException if that takes longer than the timeout
     */
    public void drain(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("the poller of " + tableName + " is closed");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!poll(true).done()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the stream of " + tableName + " still had records to deliver after " + timeout);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NANOS);
        }
    }

    /** How many records the function has processed successfully so far. */
    public long deliveredRecords() {
        return delivered.get();
    }

    /** How many passes over the stream it has finished (or failed), in the background or draining. */
    public long polls() {
        return passes.get();
    }

    /** How many of its background waits a write cut short. */
    public long wakeupsByWrite() {
        return wakeupsByWrite.get();
    }

    /** How many writes it slept through: none of the records they made could pass its filter. */
    public long writesSlept() {
        return writesSlept.get();
    }

    /** How many times it has described the table and its stream ({@code DescribeTable}, {@code DescribeStream}). */
    long describes() {
        return describes.get();
    }

    /** Stops polling, after the batch being delivered if any. Calling it again does nothing. */
    @Override
    public void close() {
        closed = true;
        db.removeWriteListener(ring);
        db.removeTableChangeListener(tableChange);
        Thread poller = thread;
        if (poller != null && poller != Thread.currentThread()) {
            wakeup.ring();
            LockSupport.unpark(poller);
            try {
                poller.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A write wakes the poller when it may have made a record the filter passes, or changed the table. */
    private void written(String request) {
        if (tableChanged.get() || filter.mayPass(request)) {
            wakeup.ring();
        } else {
            writesSlept.incrementAndGet();
        }
    }

    private void pollUntilClosed() {
        long idleWait = backoff.firstNanos();
        boolean woken = false;
        while (!closed) {
            Pass pass = Pass.EMPTY;
            try {
                pass = poll(!woken);
            } catch (ResourceNotFoundException e) {
                LOG.log(DEBUG, "The stream of {0} is gone; the table is being recreated", tableName);
            } catch (RuntimeException e) {
                LOG.log(WARNING, "Polling the stream of " + tableName + " failed; polling again", e);
            }
            woken = false;
            if (!pass.caughtUp()) {
                LockSupport.parkNanos(POLL_INTERVAL_NANOS); // a failed batch is retried at its own pace, not the writers'
                continue;
            }
            if (pass.read() > 0) {
                idleWait = backoff.firstNanos();
            }
            boolean gathering = pass.gatheringNanos() > 0;
            if (wakeup.await(gathering ? Math.min(pass.gatheringNanos(), idleWait) : idleWait)) {
                woken = true;
                wakeupsByWrite.incrementAndGet();
                if (LOG.isLoggable(DEBUG)) { // the latency benchmark's hop from a write to the pass it starts
                    LOG.log(DEBUG, "{0} {1} {2}", tableName, "woken", System.nanoTime());
                }
            } else if (!gathering) {
                idleWait = backoff.next(idleWait);
            }
        }
    }

    /**
     * One pass over the stream: how many records it read, and whether every record read is delivered or skipped.
     *
     * @param describe whether to describe the table and its stream even if the shards are known
     */
    private Pass poll(boolean describe) {
        synchronized (pollLock) {
            try {
                return pollOnce(describe);
            } catch (RuntimeException e) {
                knownShards = null; // the stream may be gone: describe it first next time
                throw e;
            } finally {
                passes.incrementAndGet(); // when done: a caller that saw the count move sees the poller between passes
            }
        }
    }

    /** A pass; the caller holds pollLock. */
    private Pass pollOnce(boolean describe) {
        boolean described = tableChanged.getAndSet(false) | describe | knownShards == null;
        if (described) {
            describe();
        }
        List<Shard> shards = knownShards;
        boolean caughtUp = true;
        int read = 0;
        long gathering = 0;
        for (Shard shard : shards) {
            ShardCursor cursor = cursors.get(shard.shardId());
            ShardCursor parent = cursors.get(shard.parentShardId());
            if (cursor.finished()) {
                continue;
            }
            if (parent != null && !parent.finished()) {
                caughtUp = false; // a child's records follow its parent's
                continue;
            }
            read += read(shard.shardId(), cursor);
            if (cursor.ended) {
                knownShards = null; // closed: its children are in the stream's description
            }
            caughtUp &= deliver(shard.shardId(), cursor);
            long left = cursor.windowLeft(windowNanos);
            if (left > 0) {
                gathering = gathering == 0 ? left : Math.min(gathering, left);
            }
        }
        Pass pass = new Pass(read, caughtUp, gathering);
        return knownShards == null && !described ? pass.and(pollOnce(true)) : pass;
    }

    /** Reads the table's latest stream and its shards; the caller holds pollLock. */
    private void describe() {
        String latest = latestStreamArn();
        if (!latest.equals(streamArn)) {
            streamArn = latest;
            cursors.clear();
        }
        List<Shard> shards = shards();
        cursors.keySet().retainAll(shards.stream().map(Shard::shardId).toList());
        shards.forEach(shard -> cursors.computeIfAbsent(shard.shardId(), id -> new ShardCursor()));
        knownShards = shards;
        describes.incrementAndGet();
    }

    private String latestStreamArn() {
        String arn = dynamo.describeTable(request -> request.tableName(tableName)).table().latestStreamArn();
        if (arn == null) {
            throw new IllegalStateException("table " + tableName + " has no stream");
        }
        return arn;
    }

    private List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String lastShardId = null;
        do {
            String exclusiveStart = lastShardId;
            StreamDescription description = streams.describeStream(request -> request.streamArn(streamArn)
                    .exclusiveStartShardId(exclusiveStart)).streamDescription();
            shards.addAll(description.shards());
            lastShardId = description.lastEvaluatedShardId();
        } while (lastShardId != null);
        return shards;
    }

    /**
     * Reads what the shard holds now, up to an empty page or the end of a closed shard, keeping what passes the filter;
     * returns how many records it read, kept or not.
     */
    private int read(String shardId, ShardCursor cursor) {
        int read = 0;
        while (!cursor.ended) {
            if (cursor.iterator == null) {
                cursor.iterator = streams.getShardIterator(request -> request.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            }
            GetRecordsResponse page = streams.getRecords(request -> request.shardIterator(cursor.iterator));
            cursor.iterator = page.nextShardIterator();
            cursor.ended = cursor.iterator == null;
            read += page.records().size();
            for (Record record : page.records()) {
                if (filter.accepts(StreamRecords.toJson(record, streamArn))) {
                    if (cursor.pending.isEmpty()) {
                        cursor.gatheredSince = System.nanoTime();
                    }
                    cursor.pending.add(StreamRecords.toLambda(record, streamArn));
                }
            }
            if (page.records().isEmpty()) {
                return read;
            }
        }
        return read;
    }

    /**
     * Delivers the pending records batch by batch, but a batch that is not full only once the batching window has
     * passed; false when a batch failed and awaits its retry.
     */
    private boolean deliver(String shardId, ShardCursor cursor) {
        while (!cursor.pending.isEmpty()) {
            if (cursor.pending.size() < source.batchSize() && cursor.windowLeft(windowNanos) > 0) {
                return true; // gathering: the pass says how long for
            }
            List<DynamodbStreamRecord> batch = List.copyOf(
                    cursor.pending.subList(0, Math.min(source.batchSize(), cursor.pending.size())));
            int done = invoke(batch);
            cursor.pending.subList(0, done).clear();
            delivered.addAndGet(done);
            if (done < batch.size() && !giveUp(shardId, cursor, batch.subList(done, batch.size()))) {
                return false;
            }
        }
        return true;
    }

    /** Invokes the function; returns how many records from the start of the batch are done, Lambda's checkpoint. */
    private int invoke(List<DynamodbStreamRecord> batch) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(batch)); // mutable, as Lambda's deserialized event is
        StreamsEventResponse response;
        try {
            response = function.apply(event);
        } catch (RuntimeException e) {
            LOG.log(WARNING, "The function failed on a batch from the stream of " + tableName + "; retrying it", e);
            return 0;
        }
        if (!source.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null) {
            return batch.size();
        }
        int checkpoint = batch.size();
        for (BatchItemFailure failure : response.getBatchItemFailures()) {
            int index = IntStream.range(0, batch.size())
                    .filter(i -> sequenceNumber(batch.get(i)).equals(failure.getItemIdentifier()))
                    .findFirst()
                    .orElse(-1);
            if (index < 0) {
                return 0; // as Lambda: an identifier that is none of the batch's fails all of it
            }
            checkpoint = Math.min(checkpoint, index);
        }
        return checkpoint;
    }

    /** Counts a failure of these records; true when that exhausts the retries and they are skipped. */
    private boolean giveUp(String shardId, ShardCursor cursor, List<DynamodbStreamRecord> failed) {
        String first = sequenceNumber(failed.get(0));
        cursor.failures = first.equals(cursor.failedSequenceNumber) ? cursor.failures + 1 : 1;
        cursor.failedSequenceNumber = first;
        if (cursor.failures <= maxRetries) {
            return false;
        }
        LOG.log(WARNING, "Skipping records {0} to {1} of {2} after {3} failed attempts",
                first, sequenceNumber(failed.get(failed.size() - 1)), streamArn, cursor.failures);
        cursor.pending.subList(0, failed.size()).clear();
        DynamodbStreamRecord last = failed.get(failed.size() - 1);
        onFailure.accept(new StreamBatchFailure(streamArn, shardId, first, sequenceNumber(last), arrival(failed.get(0)),
                arrival(last), failed.size(), cursor.failures));
        return true;
    }

    private static Instant arrival(DynamodbStreamRecord record) {
        return record.getDynamodb().getApproximateCreationDateTime().toInstant();
    }

    private static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }

    /**
     * @param gatheringNanos how long until the first batching window that is still gathering records closes, or 0
     */
    private record Pass(int read, boolean caughtUp, long gatheringNanos) {
        static final Pass EMPTY = new Pass(0, true, 0);

        /** Every record read is delivered or skipped, none waits for its window. */
        boolean done() {
            return caughtUp && gatheringNanos == 0;
        }

        /** This pass and the one that followed it at once. */
        Pass and(Pass next) {
            return new Pass(read + next.read, caughtUp && next.caughtUp, next.gatheringNanos);
        }
    }

    /**
     * How long a background poller waits after a pass that found nothing new: {@code first}, then twice as long after
     * each empty wait, up to {@code max}. A write cuts any wait short.
     */
    record IdleBackoff(Duration first, Duration max) {
        /**
         * From the old fixed interval of 100 ms to ten minutes. Every write that may make a record the poller takes
         * wakes it, so the timer only re-checks: what it could find unsignalled is DynamoDB Local's own TTL deletions,
         * which no source's filter takes, and the records of the writes it slept through, which its filter skips. An
         * idle pass costs three SDK requests, about 10 ms of CPU in the poller and as much in DynamoDB Local, and it
         * keeps the JIT compiling: a cap of two seconds kept an idle runtime at 5% of a core, ten seconds at 0.5% for
         * the pollers and the Jetty and SQLite threads that serve them, and a minute still made three pollers' passes
         * every minute.
         */
        static final IdleBackoff DEFAULT = new IdleBackoff(Duration.ofMillis(100), Duration.ofMinutes(10));

        long firstNanos() {
            return first.toNanos();
        }

        long next(long waitNanos) {
            return Math.min(waitNanos * 2, max.toNanos());
        }
    }

    /** Where a shard is read from, and its records that are read but not yet done. */
    private static final class ShardCursor {
        private String iterator; // null before the first read
        private boolean ended; // the shard is closed and read to its end
        private final List<DynamodbStreamRecord> pending = new ArrayList<>();
        private String failedSequenceNumber;
        private int failures;
        private long gatheredSince; // System.nanoTime() when the oldest pending record was read

        /** How long the pending records may still wait for more under this batching window; 0 when none wait. */
        long windowLeft(long windowNanos) {
            return pending.isEmpty() ? 0 : Math.max(0, windowNanos - (System.nanoTime() - gatheredSince));
        }

        boolean finished() {
            return ended && pending.isEmpty();
        }
    }
}
