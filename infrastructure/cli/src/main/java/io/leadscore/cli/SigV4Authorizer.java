package io.leadscore.cli;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs each request with SigV4 for API Gateway (service {@code execute-api}), as the admin routes' IAM
 * authorization requires in AWS. The SDK's signer does the signing and its credential chain finds the keys
 * (environment, profiles with credential_process, container and instance roles), so nothing here is cryptography.
 * What is sent is exactly what was signed: the signed request's URI and headers.
 */
final class SigV4Authorizer implements Authorizer {
    static final String SERVICE = "execute-api";
    /** {@code https://<api-id>.execute-api.<region>.amazonaws.com}: the default endpoint names its region. */
    private static final Pattern EXECUTE_API_HOST =
            Pattern.compile("[a-z0-9]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final Clock clock;

    SigV4Authorizer(AwsCredentialsProvider credentials, String region) {
        this(credentials, region, Clock.systemUTC());
    }

    /** @param clock the signing time: a fixed one signs as the dashboard's signer is tested (SigV4FixturesTest) */
    SigV4Authorizer(AwsCredentialsProvider credentials, String region, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    /**
     * The region from {@code --region}, else from an execute-api endpoint's host name, else from AWS_REGION or the
     * profile (never from instance metadata: that lookup stalls for seconds off EC2). Credentials from the named
     * profile, else the SDK's default chain.
     */
    static SigV4Authorizer forEndpoint(URI endpoint, String region, String profile) {
        String resolved = region != null ? region : regionOf(endpoint);
        if (resolved == null) {
            try {
                resolved = new AwsRegionProviderChain(new SystemSettingsRegionProvider(),
                        new AwsProfileRegionProvider(ProfileFile::defaultProfileFile, profile)).getRegion().id();
            } catch (SdkClientException e) {
                throw new Failure(ExitCode.USAGE, "--aws needs a region: pass --region, set AWS_REGION, or give the"
                        + " profile a region");
            }
        }
        AwsCredentialsProvider provider = profile != null ? ProfileCredentialsProvider.create(profile)
                : DefaultCredentialsProvider.builder().build();
        return new SigV4Authorizer(provider, resolved);
    }

    static String regionOf(URI endpoint) {
        Matcher m = endpoint.getHost() == null ? null : EXECUTE_API_HOST.matcher(endpoint.getHost());
        return m != null && m.matches() ? m.group(1) : null;
    }

    String region() {
        return region;
    }

    @Override
    public OutgoingRequest authorize(OutgoingRequest request) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(request.uri());
        request.headers().forEach(unsigned::putHeader);
        SignedRequest signed = signer.sign(r -> r
                .identity(identity())
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(request.body()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) -> headers.put(name, String.join(",", values)));
        return new OutgoingRequest(request.method(), signed.request().getUri(), headers, request.body());
    }

    private AwsCredentialsIdentity identity() {
        try {
            return credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw new Failure(ExitCode.USAGE, "--aws found no AWS credentials: " + e.getMessage()
                    + "\n(for an SSO profile: eval \"$(aws configure export-credentials --profile NAME --format env)\")");
        }
    }
}
