package io.leadscore.cli;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SigV4 recomputed from a request as the server received it, after AWS's documented algorithm written out here
 * independently of the SDK: so a test fails when what is sent differs from what was signed (host, query, body).
 */
final class SigV4Check {
    static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)"
            + "/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    private SigV4Check() {
    }

    static void assertValid(FakeAdminApi.Received request, String accessKey, String secretKey, String region) {
        Matcher auth = AUTHORIZATION.matcher(request.header("authorization"));
        assertTrue(auth.matches(), request.header("authorization"));
        String amzDate = request.header("x-amz-date");
        assertEquals(accessKey, auth.group(1));
        assertEquals(amzDate.substring(0, 8), auth.group(2));
        assertEquals(region, auth.group(3));
        assertEquals("execute-api", auth.group(4));
        String signedHeaders = auth.group(5);
        assertTrue(signedHeaders.contains("host") && signedHeaders.contains("x-amz-date"), signedHeaders);

        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            canonicalHeaders.append(name).append(':')
                    .append(request.header(name).strip().replaceAll(" +", " ")).append('\n');
        }
        String canonicalRequest = String.join("\n", request.method(), request.path(),
                canonicalQuery(request.rawQuery()), canonicalHeaders.toString(), signedHeaders,
                hex(sha256(request.body().getBytes(StandardCharsets.UTF_8))));
        String scope = auth.group(2) + "/" + region + "/execute-api/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), auth.group(2));
        key = hmac(key, region);
        key = hmac(key, "execute-api");
        key = hmac(key, "aws4_request");
        assertEquals(hex(hmac(key, stringToSign)), auth.group(6), "the signature of what the server received");
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            String[] nameValue = pair.split("=", 2);
            pairs.add(encode(decode(nameValue[0])) + "=" + encode(nameValue.length > 1 ? decode(nameValue[1]) : ""));
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ percent-encoded, in upper-case hex. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
