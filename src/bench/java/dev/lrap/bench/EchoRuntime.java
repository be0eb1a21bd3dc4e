package dev.lrap.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import dev.lrap.LambdaApi;

/**
 * The runtime of the benchmarks: a tight loop that fetches the next event and posts it back as the response,
 * with the JDK's HTTP client and nothing else, so that almost all of an invocation's time is the Runtime API's and
 * the proxy's. Run by the simulator as the function's process; ends with it.
 */
public final class EchoRuntime {

    private EchoRuntime() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest next = HttpRequest.newBuilder(URI.create(api + LambdaApi.INVOCATION_NEXT)).build();
        while (true) {
            HttpResponse<byte[]> event = http.send(next, BodyHandlers.ofByteArray());
            String requestId = event.headers().firstValue(LambdaApi.REQUEST_ID).orElseThrow();
            String contentType = event.headers().firstValue("Content-Type").orElse("application/json");
            URI answer = URI.create(api + LambdaApi.INVOCATION + "/" + requestId + "/response");
            HttpRequest response = HttpRequest.newBuilder(answer)
                    .header("Content-Type", contentType)
                    .POST(BodyPublishers.ofByteArray(event.body()))
                    .build();
            http.send(response, BodyHandlers.discarding());
        }
    }
}
