package dev.lrap.simulator;

import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** How the simulator answers the Runtime and Extensions APIs: JSON bodies, refusals rendered like Lambda's. */
final class Replies {

    private static final Logger LOG = Logger.getLogger(Replies.class);

    private Replies() {
    }

    static void json(HttpServerResponse response, int status, Object document) {
        json(response, status, ApiJson.bytes(document));
    }

    static void json(HttpServerResponse response, int status, byte[] json) {
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, ApiJson.CONTENT_TYPE)
                .end(Buffer.buffer(json));
    }

    /** Runs an action that answers the request itself, or answers with the refusal it throws. */
    static void answer(HttpServerResponse response, Runnable action) {
        try {
            action.run();
        } catch (ApiException refusal) {
            json(response, refusal.status(), refusal.body());
        } catch (RuntimeException bug) {
            LOG.error("The simulator failed to handle a request", bug);
            json(response, 500, new ApiJson.ErrorResponse(bug.toString(), "ServiceException"));
        }
    }

    /** Reads the whole body and hands it to the action; Lambda's answer to an accepted report is 202. */
    static void acceptReport(HttpServerRequest request, Consumer<RecordedRequest> action) {
        request.body().onSuccess(body -> answer(request.response(), () -> {
            action.accept(RecordedRequest.of(request, body));
            json(request.response(), 202, ApiJson.StatusResponse.OK);
        }));
    }
}
