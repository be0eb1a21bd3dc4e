package dev.lrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** An invocation is over for lrap once the runtime's answer to it has been relayed: its response or its error. */
class LambdaApiTest {

    private static final String INVOCATION = "/2018-06-01/runtime/invocation/";

    @Test
    void aResponseOrAnErrorEndsItsInvocation() {
        assertEquals("8476a536-e9f4-11e8-9739-2dfe598c3fcd",
                LambdaApi.answeredInvocation("POST", INVOCATION + "8476a536-e9f4-11e8-9739-2dfe598c3fcd/response"));
        assertEquals("8476a536", LambdaApi.answeredInvocation("POST", INVOCATION + "8476a536/error"));
    }

    @Test
    void otherRequestsEndNoInvocation() {
        assertNull(LambdaApi.answeredInvocation("GET", INVOCATION + "next"));
        assertNull(LambdaApi.answeredInvocation("GET", INVOCATION + "8476a536/response"));
        assertNull(LambdaApi.answeredInvocation("POST", INVOCATION + "/response"));
        assertNull(LambdaApi.answeredInvocation("POST", INVOCATION + "8476a536/response/more"));
        assertNull(LambdaApi.answeredInvocation("POST", "/2018-06-01/runtime/init/error"));
    }
}
