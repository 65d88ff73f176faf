package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.lang.System.Logger.Level.WARNING;

/**
 * The S3 calls of the import functions, served over folders on a loopback port: {@code HeadObject}, {@code GetObject}
 * (with {@code Range} and {@code If-Match}) and {@code PutObject}, path-style ({@code /<bucket>/<key>}), a bucket being
 * a folder and a key a file under it. {@link #watch} notices the objects created in a bucket, whether put through
 * the API or copied into the folder, as S3's event notifications would.
 *
 * <p>Written here rather than embedding s3proxy: s3proxy 2.6.0 needs Jetty 11, and DynamoDB Local 3.1.0 Jetty 12, one
 * of which loses on a shared class path; s3proxy would also bring logback as the SLF4J binding of the whole runtime.
 */
public final class LocalS3 implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalS3.class.getName());
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Map<String, Path> buckets;
    private final Map<Path, Stamped> eTags = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final URI endpoint;
    private final List<FolderWatch> watches = new CopyOnWriteArrayList<>();

    /** An object created in a bucket: what an {@code ObjectCreated} notification says of it. */
    public record CreatedObject(String bucket, String key, long size, String eTag) {

        /** The notification as Lambda receives it from S3, the key form-encoded as S3 encodes it ('/' kept). */
        public S3Event toEvent() {
            String unquotedETag = eTag == null ? null : eTag.replace("\"", "");
            var object = new S3EventNotification.S3ObjectEntity(
                    URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"), size,
                    unquotedETag, null, Long.toHexString(System.nanoTime()));
            var entity = new S3EventNotification.S3Entity("local", new S3EventNotification.S3BucketEntity(bucket,
                    new S3EventNotification.UserIdentityEntity(LocalAws.ACCOUNT_ID), "arn:aws:s3:::" + bucket), object, "1.0");
            return new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord(LocalAws.REGION.id(),
                    "ObjectCreated:Put", "aws:s3", Instant.now().toString(), "2.1",
                    new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                    new S3EventNotification.ResponseElementsEntity("local", "local"), entity,
                    new S3EventNotification.UserIdentityEntity(LocalAws.ACCOUNT_ID))));
        }
    }

    private record Stamped(long size, long modified, String eTag) {
    }

    private LocalS3(Map<String, Path> buckets) throws IOException {
        this.buckets = Map.copyOf(buckets);
        for (Path folder : buckets.values()) {
            Files.createDirectories(folder);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "local-s3");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves each bucket (by name) from its folder, made if missing. */
    public static LocalS3 start(Map<String, Path> buckets) {
        try {
            return new LocalS3(buckets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local S3", e);
        }
    }

    /** Where SDK clients send their S3 calls, path-style. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Looks for files in the bucket's folder that are new or changed and have not changed since the look before (so
     * that a file still being copied is taken once whole), and hands each to {@code created}: when the file system
     * reports a change in the folder, then every {@code period} while a file is settling ({@link FolderWatch}).
     * Files already there when watching starts count as created then, except those with {@code <key>.result.json}
     * beside them, the mark of an import done; names starting with a dot are ignored (this class's temporary files).
     */
    public void watch(String bucket, Duration period, Consumer<CreatedObject> created) {
        Path folder = folder(bucket);
        Map<Path, Stamped> seen = new ConcurrentHashMap<>();
        Map<Path, Stamped> pending = new ConcurrentHashMap<>();
        files(folder).filter(file -> Files.exists(Path.of(file + ".result.json")))
                .forEach(file -> seen.put(file, stamp(file, false)));
        watches.add(new FolderWatch(folder, period, FolderWatch.SAFETY_NET, () -> {
            List<Path> files = files(folder).toList();
            pending.keySet().retainAll(files); // a file moved away before it settled is not waited for
            files.forEach(file -> {
                Stamped now = stamp(file, false);
                if (now == null || now.equals(seen.get(file))) {
                    return;
                }
                if (now.equals(pending.put(file, now))) {
                    pending.remove(file);
                    seen.put(file, now);
                    created.accept(new CreatedObject(bucket, key(folder, file), now.size(), eTag(file)));
                }
            });
            return !pending.isEmpty();
        }));
    }

    @Override
    public void close() {
        watches.forEach(FolderWatch::close);
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static Stream<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith(".")).toList().stream();
        } catch (IOException | UncheckedIOException e) {
            // A file moved away mid-walk: the next look sees the folder as it is then.
            return Stream.empty();
        }
    }

    private static String key(Path folder, Path file) {
        return folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private Path folder(String bucket) {
        Path folder = buckets.get(bucket);
        if (folder == null) {
            throw new IllegalArgumentException("no local bucket " + bucket + " (there are " + buckets.keySet() + ")");
        }
        return folder;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int slash = path.indexOf('/', 1);
            Path folder = slash < 0 ? null : buckets.get(path.substring(1, slash));
            if (folder == null) {
                error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist");
                return;
            }
            Path file = folder.resolve(path.substring(slash + 1)).normalize();
            if (!file.startsWith(folder) || file.equals(folder)) {
                error(exchange, 400, "InvalidArgument", "The key must name an object inside the bucket");
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "HEAD", "GET" -> read(exchange, file);
                case "PUT" -> write(exchange, file);
                default -> error(exchange, 501, "NotImplemented", "Only HeadObject, GetObject and PutObject run locally");
            }
        } catch (RuntimeException e) {
            LOG.log(WARNING, "local S3 failed on " + exchange.getRequestURI(), e);
            throw e;
        }
    }

    private void read(HttpExchange exchange, Path file) throws IOException {
        Stamped stamp = stamp(file, true);
        if (stamp == null) {
            error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        if (ifMatch != null && !ifMatch.equals(stamp.eTag())) {
            error(exchange, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
            return;
        }
        long from = 0;
        long to = stamp.size(); // exclusive
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher matcher = RANGE.matcher(range);
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) >= stamp.size()) {
                error(exchange, 416, "InvalidRange", "The requested range is not satisfiable");
                return;
            }
            from = Long.parseLong(matcher.group(1));
            to = matcher.group(2).isEmpty() ? stamp.size() : Math.min(stamp.size(), Long.parseLong(matcher.group(2)) + 1);
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + stamp.size());
        }
        exchange.getResponseHeaders().set("ETag", stamp.eTag());
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("Last-Modified", HTTP_DATE.format(Files.getLastModifiedTime(file).toInstant()));
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        int status = range == null ? 200 : 206;
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(to - from));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, to - from == 0 ? -1 : to - from);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             OutputStream body = exchange.getResponseBody()) {
            channel.transferTo(from, to - from, Channels.newChannel(body));
        }
    }

    private void write(HttpExchange exchange, Path file) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String contentSha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if ((contentSha != null && contentSha.startsWith("STREAMING-")) || (encoding != null && encoding.contains("aws-chunked"))) {
            body = unchunk(body);
        }
        Files.createDirectories(file.getParent());
        // Whole or not at all, for the watcher and for readers.
        Path part = file.resolveSibling("." + UUID.randomUUID() + ".part");
        Files.write(part, body);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        exchange.getResponseHeaders().set("ETag", stamp(file, true).eTag());
        exchange.sendResponseHeaders(200, -1);
    }

    /** The payload of an {@code aws-chunked} body: {@code <hex size>[;extensions]\r\n<data>\r\n}..., then trailers. */
    static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOfCrLf(body, at);
            String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                break; // trailers (checksums) follow
            }
            data.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return data.toByteArray();
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("an aws-chunked body ends without a chunk header's line end");
    }

    /** Size, modification time and ETag (the MD5 of the content, as S3 gives for a single-part upload), or null. */
    private Stamped stamp(Path file, boolean withETag) {
        try {
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            if (!withETag) {
                return new Stamped(size, modified, null);
            }
            Stamped cached = eTags.get(file);
            if (cached != null && cached.size() == size && cached.modified() == modified) {
                return cached;
            }
            Stamped stamped = new Stamped(size, modified, md5(file));
            eTags.put(file, stamped);
            return stamped;
        } catch (IOException e) {
            return null;
        }
    }

    private String eTag(Path file) {
        Stamped stamped = stamp(file, true);
        return stamped == null ? null : stamped.eTag();
    }

    private static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return "\"" + HexFormat.of().formatHex(digest.digest()) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
