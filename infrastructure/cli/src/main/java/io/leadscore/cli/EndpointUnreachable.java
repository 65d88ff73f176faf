package io.leadscore.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The API could not be reached at all; locally that almost always means the runtime is not started. */
final class EndpointUnreachable extends Failure {
    static final String START_LOCAL_RUNTIME = "mvn -q compile exec:java -pl infrastructure/local-runtime -am";

    EndpointUnreachable(URI endpoint, IOException cause) {
        super(ExitCode.IO, describe(endpoint, cause), cause);
    }

    private static String describe(URI endpoint, IOException cause) {
        String why = cause instanceof ConnectException ? "connection refused"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String text = "cannot reach the API at " + endpoint + " (" + why + ").";
        if (isLocal(endpoint)) {
            return text + "\nStart the local runtime from the repository root:\n  " + START_LOCAL_RUNTIME
                    + "\nor point --endpoint (LEADSCORE_ENDPOINT) at a deployment.";
        }
        return text + "\nCheck --endpoint (LEADSCORE_ENDPOINT): the HTTP API's URL from the stack's outputs.";
    }

    private static boolean isLocal(URI endpoint) {
        try {
            return endpoint.getHost() != null && InetAddress.getByName(endpoint.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
