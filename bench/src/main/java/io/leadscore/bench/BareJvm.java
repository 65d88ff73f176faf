package io.leadscore.bench;

/** The baseline of {@link ColdStart}: a JVM that starts with the functions' flags, tells the time and exits. */
public final class BareJvm {
    private BareJvm() {
    }

    public static void main(String[] args) {
        System.out.println(FirstInvocation.RESULT + " end=" + System.currentTimeMillis());
    }
}
