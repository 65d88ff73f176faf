package io.leadscore.local;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * DynamoDB Local, with Streams, serving HTTP on a loopback port of this JVM and holding the template's tables.
 *
 * <p>DynamoDB Local's request handler is hosted in a Jetty server of our own rather than through its
 * {@code ServerRunner} or {@code DynamoDBProxyServer}: both load its telemetry code, which cannot load without the
 * Pinpoint and Cognito SDK modules that the parent POM leaves out (the SDK BOM would pin them to versions that are not
 * published). Hosting it here also keeps it off other interfaces and lets the OS pick a free port without a race.
 * SQLite's native library needs no {@code java.library.path}: DynamoDB Local 3 carries it for each platform in its jar
 * and extracts the right one into {@code java.io.tmpdir}.
 *
 * <p>Its threads are not daemons, so an instance that is never closed would keep the JVM alive: {@link #close()} it,
 * or use {@link #shared()}. A shutdown hook also stops it when the JVM exits, so that a data directory is left whole.
 */
public final class LocalDynamoDb implements AutoCloseable {

    public static final String DEFAULT_TABLE_PREFIX = "leadscore-local-";
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    private static LocalDynamoDb shared;

    private final List<TableDef> tables;
    private final String tablePrefix;
    private final Server server;
    private final Path dataDirectory;
    private final WriteSignal writes;
    private final URI endpoint;
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streamsClient;
    private final Thread shutdownHook = new Thread(this::stop, "local-dynamodb-shutdown");
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalDynamoDb(Builder builder) {
        tables = builder.template.tables();
        tablePrefix = builder.tablePrefix;
        tables.forEach(table -> tableName(table.logicalId())); // an invalid name fails before anything starts
        dataDirectory = builder.dataDirectory;
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(builder.port);
        server.addConnector(connector);
        writes = new WriteSignal(newDatabase());
        server.setHandler(writes);
        try {
            server.start();
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException("cannot start DynamoDB Local on 127.0.0.1:" + builder.port, e);
            try {
                stopServer();
            } catch (RuntimeException stopFailure) {
                failure.addSuppressed(stopFailure);
            }
            throw failure;
        }
        endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        client = LocalAws.client(DynamoDbClient.builder(), endpoint);
        streamsClient = LocalAws.client(DynamoDbStreamsClient.builder(), endpoint);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            createMissingTables();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** DynamoDB Local's request handler over a database of its own: in memory, or the data directory's. */
    private LocalDynamoDBServerHandler newDatabase() {
        // Shared database: one set of tables whatever the credentials and region of a client (the default is one per pair).
        return new LocalDynamoDBServerHandler(dataDirectory == null
                ? new LocalDynamoDBRequestHandler(0, true, null, true, false)
                : new LocalDynamoDBRequestHandler(0, false, dataDirectory.toString(), true, false), null);
    }

    public static Builder builder(SamTemplate template) {
        return new Builder(template);
    }

    /**
     * One in-memory instance per JVM with the tables of the {@link SamTemplate#locate() nearest template}, started on
     * first use and stopped when the JVM exits; tests share it and call {@link #freshTables()} to start clean.
     */
    public static synchronized LocalDynamoDb shared() {
        if (shared == null || shared.closed.get()) {
            shared = builder(SamTemplate.load(SamTemplate.locate())).start();
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return client;
    }

    public DynamoDbStreamsClient streamsClient() {
        return streamsClient;
    }

    /**
     * Runs the listener after every request that may have written a table, from any client, with the request's body
     * (DynamoDB's JSON): a poller's wake-up.
     */
    public void addWriteListener(Consumer<String> listener) {
        writes.addListener(listener);
    }

    public void removeWriteListener(Consumer<String> listener) {
        writes.removeListener(listener);
    }

    /** Runs the listener after every request that creates, deletes or updates a table, before the write listeners. */
    void addTableChangeListener(Runnable listener) {
        writes.addTableListener(listener);
    }

    void removeTableChangeListener(Runnable listener) {
        writes.removeTableListener(listener);
    }

    /** The local name of a table of the template: the prefix and its logical id. */
    public String tableName(String logicalId) {
        if (tables.stream().noneMatch(table -> table.logicalId().equals(logicalId))) {
            throw new IllegalArgumentException("the template has no table " + logicalId);
        }
        String name = tablePrefix + logicalId;
        if (!TABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid table name: 3 to 255 of a-z, A-Z, 0-9, _, - and .");
        }
        return name;
    }

    /**
     * Empties every table of the template and gives it a new stream. In memory, the tables are made again in a new
     * database that replaces the old one under the same endpoint (about 1 ms, and the tables a few more), so a table
     * the template does not hold is gone: DynamoDB Local slows down with each table it has deleted (3,000 puts took
     * 18, 23, 36 and then 65 s after each of three deletes and re-creations). With a data directory, each table is
     * deleted and created again.
     */
    public void freshTables() {
        if (dataDirectory == null) {
            writes.replaceDatabase(newDatabase());
            tables.forEach(this::createTable);
            return;
        }
        for (TableDef table : tables) {
            try {
                client.deleteTable(request -> request.tableName(tableName(table.logicalId())));
            } catch (ResourceNotFoundException alreadyDeleted) {
                // by an earlier call that was interrupted before it created the table again
            }
            createTable(table);
        }
    }

    /**
     * Deletes what DynamoDB's TTL would have deleted by {@code now}: every item whose TTL attribute (epoch seconds) is
     * at or before it. DynamoDB Local keeps TTL's setting but never deletes by it; this stands in for the days of
     * waiting that TTL would take, in a test. Like TTL's deletions, these reach the stream as REMOVE records.
     *
     * @return how many items were deleted
     */
    public int expire(Instant now) {
        int deleted = 0;
        for (TableDef table : tables) {
            if (table.ttlAttribute().isEmpty()) {
                continue;
            }
            String name = tableName(table.logicalId());
            List<String> keys = table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
            for (Map<String, AttributeValue> item : client.scanPaginator(request -> request.tableName(name)
                    .filterExpression("#ttl <= :now")
                    .expressionAttributeNames(Map.of("#ttl", table.ttlAttribute().get()))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))))
                    .items()) {
                client.deleteItem(request -> request.tableName(name).key(item.entrySet().stream()
                        .filter(attribute -> keys.contains(attribute.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
                deleted++;
            }
        }
        return deleted;
    }

    /** Stops the server; its data is kept if it has a data directory. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run, and stops the server itself
            return;
        }
        stop();
    }

    private void stop() {
        if (closed.compareAndSet(false, true)) {
            client.close();
            streamsClient.close();
            stopServer();
        }
    }

    private void stopServer() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop DynamoDB Local", e);
        } finally {
            writes.closeDatabase(); // its SQLite database and worker threads
        }
    }

    /** A data directory keeps the tables of an earlier run, so only the missing ones are created. */
    private void createMissingTables() {
        Set<String> existing = client.listTablesPaginator().tableNames().stream().collect(Collectors.toSet());
        tables.stream().filter(table -> !existing.contains(tableName(table.logicalId()))).forEach(this::createTable);
    }

    /** DynamoDB Local creates tables already ACTIVE, so nothing waits for them. */
    private void createTable(TableDef table) {
        String name = tableName(table.logicalId());
        client.createTable(table.toCreateTableRequest(name));
        table.ttlAttribute().ifPresent(attribute -> client.updateTimeToLive(request -> request.tableName(name)
                .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true))));
    }

    public static final class Builder {

        private final SamTemplate template;
        private int port;
        private Path dataDirectory;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;

        private Builder(SamTemplate template) {
            this.template = template;
        }

        /** A fixed port; by default the OS picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Keeps the data in this directory across runs; by default it lives in memory only. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        public Builder tablePrefix(String prefix) {
            this.tablePrefix = prefix;
            return this;
        }

        public LocalDynamoDb start() {
            if (dataDirectory != null) {
                try {
                    Files.createDirectories(dataDirectory);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
                }
            }
            return new LocalDynamoDb(this);
        }
    }
}
