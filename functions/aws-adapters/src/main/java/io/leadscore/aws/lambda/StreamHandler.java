package io.leadscore.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;

/**
 * What every function's handler extends: the typed {@link #handleRequest(Object, Context)} that tests and the
 * handler's own code speak, and the stream entry point that Lambda calls. Lambda's Java runtime picks, among the
 * methods the template's {@code Handler: Class::handleRequest} names, the one with the longest signature, so it calls
 * {@link #handleRequest(InputStream, OutputStream, Context)}: the event is read by {@link LambdaJson} with the
 * project's Jackson, reading only what the handlers use, instead of by the runtime's own serializer (its Jackson,
 * Joda-Time and a reflective read of every field of the event classes, the slowest part of a cold first invocation).
 *
 * @param <I> the event: one of the types {@link LambdaJson} reads
 * @param <O> the answer, written by {@link LambdaJson#write}
 */
public abstract class StreamHandler<I, O> implements RequestHandler<I, O>, RequestStreamHandler {
    private final Class<I> eventType = eventType(getClass());

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaJson.write(handleRequest(LambdaJson.read(input, eventType), context), output);
    }

    /** For SnapStart's priming: the event in {@code bytes}, read as the entry point reads one. */
    protected final I event(byte[] bytes) {
        try {
            return LambdaJson.read(new ByteArrayInputStream(bytes), eventType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For SnapStart's priming: {@code answer} written as the entry point writes one, to nowhere. */
    protected final void answer(O answer) {
        try {
            LambdaJson.write(answer, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event type argument of the subclass, e.g. DynamodbEvent for a {@code StreamHandler<DynamodbEvent, ?>}. */
    @SuppressWarnings("unchecked")
    private static <I> Class<I> eventType(Class<?> handler) {
        ParameterizedType type = (ParameterizedType) handler.getGenericSuperclass();
        Object argument = type.getActualTypeArguments()[0];
        return (Class<I>) (argument instanceof ParameterizedType generic ? generic.getRawType() : argument);
    }
}
