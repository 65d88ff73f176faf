package io.leadscore.local.runtime;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's files as the local runtime serves them at /dashboard/ from the classpath (web/dashboard, copied
 * there by the module's pom): with their content types, and nothing but them. Requests go over a raw socket, so that
 * the paths reach the server exactly as written, dot segments and encodings included.
 */
class DashboardFilesTest {
    private static LocalHttpApi api;

    @BeforeAll
    static void start() throws IOException {
        api = new LocalHttpApi(0, List.of(), "ak_test", new StaticFiles(LocalRuntime.DASHBOARD_PATH, "io/leadscore/dashboard"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @ParameterizedTest
    @CsvSource({
        "/dashboard/, text/html; charset=utf-8",
        "/dashboard/index.html, text/html; charset=utf-8",
        "/dashboard/app.js, text/javascript; charset=utf-8",
        "/dashboard/chart.js, text/javascript; charset=utf-8",
        "/dashboard/config.js, text/javascript; charset=utf-8",
        "/dashboard/style.css, text/css; charset=utf-8",
        "/dashboard/icon.svg, image/svg+xml"})
    void servesEachFileWithItsContentType(String path, String contentType) throws IOException {
        String response = get("GET", path);
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertEquals(contentType, header(response, "content-type"));
        assertEquals("nosniff", header(response, "x-content-type-options"));
        assertTrue(header(response, "content-security-policy").contains("default-src 'self'"), response);
    }

    @Test
    void thePageLoadsItsModulesFromItsOwnFolder() throws IOException {
        String page = get("GET", "/dashboard/");
        assertTrue(page.contains("<script type=\"module\" src=\"app.js\"></script>"), page);
    }

    @Test
    void theFolderWithoutItsSlashRedirectsToIt() throws IOException {
        String response = get("GET", "/dashboard");
        assertTrue(response.startsWith("HTTP/1.1 301"), response);
        assertEquals("/dashboard/", header(response, "location"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dashboard/missing.js", "/dashboard/../pom.xml", "/dashboard/..%2f..%2fpom.xml",
        "/dashboard/%2e%2e/LocalRuntime.class", "/dashboard/..", "/dashboard/.hidden.js", "/dashboard/app",
        "/dashboard//etc/passwd", "/dashboard/sub/app.js", "/dashboard/app.js%00.css", "/dashboard/app.exe",
        "/dashboard/app.js/", "/dashboard/%61pp.js"})
    void answersAnythingElseNotFound(String path) throws IOException {
        String response = get("GET", path);
        assertTrue(response.startsWith("HTTP/1.1 404"), path + " -> " + response);
        assertFalse(response.contains("import "), "no file content: " + response);
    }

    @Test
    void servesOnlyReads() throws IOException {
        String response = get("POST", "/dashboard/app.js");
        assertTrue(response.startsWith("HTTP/1.1 405"), response);
        assertEquals("GET, HEAD", header(response, "allow"));
        assertTrue(get("HEAD", "/dashboard/app.js").startsWith("HTTP/1.1 200"));
    }

    private static String get(String method, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.baseUri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String header(String response, String name) {
        return response.lines().takeWhile(line -> !line.isEmpty())
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse(null);
    }
}
