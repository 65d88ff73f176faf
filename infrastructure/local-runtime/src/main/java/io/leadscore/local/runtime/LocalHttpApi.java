package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway's HTTP API on localhost: the routes of template.yaml, each request turned into the same
 * payload-2.0 event Lambda would get and handed to the same handler class. Routes that require IAM in AWS
 * require the local admin key here ({@code Authorization: Bearer <key>}), so the write key cannot read.
 * Beside the API it serves static files (the dashboard), as S3 would in AWS: same origin as the API locally.
 */
final class LocalHttpApi implements AutoCloseable {
    /** API Gateway's own payload limit; the handlers enforce their tighter ones. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    /** The page may talk to its own origin only, and nothing may frame it: it holds the admin key. */
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'"
            + " data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final HttpServer server;
    private final List<Route> routes;
    private final String adminKey;
    private final StaticFiles files;

    record Route(String method, String path, Pattern pattern, List<String> parameters, boolean iamAuth,
                 Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {

        static Route of(String method, String path, boolean iamAuth,
                        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            List<String> parameters = new ArrayList<>();
            Matcher m = PATH_PARAMETER.matcher(path);
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(path.substring(last, m.start()))).append("([^/]+)");
                parameters.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(path.substring(last)));
            return new Route(method.toUpperCase(Locale.ROOT), path, Pattern.compile(regex.toString()), parameters,
                    iamAuth, handler);
        }
    }

    LocalHttpApi(int port, List<Route> routes, String adminKey, StaticFiles files) throws IOException {
        this.routes = List.copyOf(routes);
        this.adminKey = adminKey;
        this.files = files;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "local-http-api");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            if (files.covers(path)) {
                serveFile(exchange, method, path);
                return;
            }
            for (Route route : routes) {
                Matcher match = route.pattern().matcher(path);
                if (route.method().equals(method) && match.matches()) {
                    invoke(route, match, exchange);
                    return;
                }
            }
            respond(exchange, 404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}");
        } catch (RuntimeException e) {
            // A handler that throws is a 500 in API Gateway too; say so and keep serving.
            e.printStackTrace();
            respond(exchange, 500, Map.of("content-type", "application/json"),
                    "{\"message\":\"Internal Server Error\"}");
        }
    }

    private void serveFile(HttpExchange exchange, String method, String path) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            respond(exchange, 405, Map.of("allow", "GET, HEAD", "content-type", "text/plain; charset=utf-8"),
                    "Method Not Allowed");
            return;
        }
        if (!path.startsWith(files.prefix())) {
            // Relative URLs in the page resolve against the folder, so the folder is always asked with its slash.
            respond(exchange, 301, Map.of("location", files.prefix()), new byte[0]);
            return;
        }
        var file = files.find(path);
        if (file.isEmpty()) {
            respond(exchange, 404, Map.of("content-type", "text/plain; charset=utf-8"), "Not Found");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", file.get().contentType());
        headers.put("cache-control", "no-cache");
        headers.put("x-content-type-options", "nosniff");
        headers.put("referrer-policy", "no-referrer");
        headers.put("content-security-policy", PAGE_POLICY);
        if (method.equals("HEAD")) {
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        respond(exchange, 200, headers, file.get().content());
    }

    private void invoke(Route route, Matcher match, HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            respond(exchange, 413, Map.of("content-type", "application/json"), "{\"message\":\"Request Entity Too Large\"}");
            return;
        }
        APIGatewayV2HTTPEvent event = event(route, match, exchange, body);
        if (route.iamAuth()) {
            if (!isAdmin(event.getHeaders().get("authorization"))) {
                respond(exchange, 403, Map.of("content-type", "application/json"), "{\"message\":\"Forbidden\"}");
                return;
            }
            event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                            .withUserArn("arn:aws:iam::000000000000:user/local-admin").build())
                    .build());
        }
        APIGatewayV2HTTPResponse response = route.handler().apply(event);
        byte[] out = response.getBody() == null ? new byte[0] : response.getIsBase64Encoded()
                ? Base64.getDecoder().decode(response.getBody()) : response.getBody().getBytes(StandardCharsets.UTF_8);
        respond(exchange, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(), out);
    }

    private boolean isAdmin(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring(7).getBytes(StandardCharsets.UTF_8),
                adminKey.getBytes(StandardCharsets.UTF_8));
    }

    private static APIGatewayV2HTTPEvent event(Route route, Matcher match, HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        Map<String, String> pathParameters = new HashMap<>();
        for (int i = 0; i < route.parameters().size(); i++) {
            pathParameters.put(route.parameters().get(i), URLDecoder.decode(match.group(i + 1), StandardCharsets.UTF_8));
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String text = utf8(body);
        String routeKey = route.method() + " " + route.path();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withQueryStringParameters(query(rawQuery))
                .withHeaders(headers)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                // Like API Gateway: text bodies as they are, anything that is not UTF-8 in base64.
                .withBody(body.length == 0 ? null : text != null ? text : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && text == null)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTimeEpoch(System.currentTimeMillis())
                        .withTime(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
                                .format(ZonedDateTime.now()))
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(route.method())
                                .withPath(exchange.getRequestURI().getRawPath())
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(sourceIp)
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    private static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD + 1);
        return body.length > MAX_PAYLOAD ? null : body;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        respond(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
