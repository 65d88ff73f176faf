package io.leadscore.local;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Wraps DynamoDB Local's request handler and tells its listeners after every request that can change a table, whoever
 * sent it (the functions' own clients, the CLI, a test): what lets a stream poller sleep while nothing is written and
 * wake at once when something is, instead of polling an empty stream ten times a second. A listener is handed the
 * request's body, what it wrote: a poller whose filter the items written cannot pass sleeps on.
 *
 * <p>DynamoDB Local handles a request within {@code handle}, so when that returns the item and its stream record are
 * written; a failed write signals too, which only costs a poller one empty pass.
 */
final class WriteSignal extends Handler.Wrapper {
    /** The operations that write items or tables (PartiQL statements may); everything else only reads. */
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems", "ExecuteStatement", "ExecuteTransaction", "BatchExecuteStatement", "CreateTable",
            "DeleteTable", "UpdateTable");
    /** The operations that may give a table a new stream or shards: a poller must describe the stream again. */
    private static final Set<String> TABLE_CHANGES = Set.of("CreateTable", "DeleteTable", "UpdateTable");
    private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> tableListeners = new CopyOnWriteArrayList<>();

    /** Dynamic: {@link #replaceDatabase} swaps the handler while the server runs. */
    WriteSignal(LocalDynamoDBServerHandler database) {
        super(true, database);
    }

    /**
     * Serves every request from now on from {@code database}, and closes the one it replaces. A request already in the
     * old one may fail, as it would had its table been deleted under it.
     */
    void replaceDatabase(LocalDynamoDBServerHandler database) {
        Handler old = getHandler();
        setHandler(database);
        ((LocalDynamoDBServerHandler) old).close();
    }

    void closeDatabase() {
        ((LocalDynamoDBServerHandler) getHandler()).close();
    }

    /** Runs the listener after every request that may have written a table, with the request's body. */
    void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /** Runs the listener after every request that creates, deletes or updates a table, before the write listeners. */
    void addTableListener(Runnable listener) {
        tableListeners.add(listener);
    }

    void removeTableListener(Runnable listener) {
        tableListeners.remove(listener);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String target = request.getHeaders().get("X-Amz-Target");
        if (!isWrite(target)) {
            return super.handle(request, response, callback);
        }
        byte[] body;
        try (InputStream content = Content.Source.asInputStream(request)) {
            body = content.readAllBytes(); // as DynamoDB Local reads it, whole, within DynamoDB's request size limit
        }
        try {
            return super.handle(new Replayed(request, body), response, callback);
        } finally {
            if (is(TABLE_CHANGES, target)) {
                tableListeners.forEach(Runnable::run);
            }
            String written = new String(body, StandardCharsets.UTF_8);
            listeners.forEach(listener -> listener.accept(written));
        }
    }

    static boolean isWrite(String target) {
        return is(WRITES, target);
    }

    private static boolean is(Set<String> operations, String target) {
        return target != null && target.startsWith(DYNAMODB_TARGET)
                && operations.contains(target.substring(DYNAMODB_TARGET.length()));
    }

    /** The request with its body, read already, served again to DynamoDB Local. */
    private static final class Replayed extends Request.Wrapper {
        private final byte[] body;
        private boolean read; // guarded by this

        Replayed(Request request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public synchronized Content.Chunk read() {
            if (read) {
                return Content.Chunk.EOF;
            }
            read = true;
            return Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // the whole body is here
        }
    }
}
