package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.leadscore.aws.http.QueryString;
import io.leadscore.aws.http.Refused;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The lists' paging: {@code ?limit=} 1 to 100 (default 25) and {@code ?cursor=}, the opaque base64url form of
 * the position a list stopped at. Both are checked before anything is read: a cursor is decoded and must be a
 * position the list could have handed out, so a forged one is a 400 naming {@code cursor}, never a read elsewhere.
 *
 * @param after the decoded position to continue after; null for the first page
 */
record Paging(int limit, String after) {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    static Paging of(APIGatewayV2HTTPEvent request, Predicate<String> isPosition) {
        Map<String, String> query = QueryString.of(request);
        return new Paging(limit(query.get("limit")), after(query.get("cursor"), isPosition));
    }

    /** The cursor a reader sends back to continue after {@code position}; null when nothing follows. */
    static String cursor(String position) {
        return position == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as an out-of-range number is
        }
        throw new Refused(400, "invalid_limit", "limit is a whole number from 1 to " + MAX_LIMIT, "limit");
    }

    private static String after(String cursor, Predicate<String> isPosition) {
        if (cursor == null) {
            return null;
        }
        try {
            String position = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor.strip()))).toString();
            if (isPosition.test(position)) {
                return position;
            }
        } catch (IllegalArgumentException | CharacterCodingException notACursor) {
            // answered below, as a well-formed cursor of another list is
        }
        throw new Refused(400, "invalid_cursor", "cursor is not one this list handed out: pass the previous page's"
                + " \"next\" as it is, or leave it out for the first page", "cursor");
    }
}
