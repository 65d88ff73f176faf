package io.leadscore.local;

/** The template cannot be read, or does not say what local mode needs; the message names the file and the key. */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
