package dev.lrap.proxy;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** Leaves every payload as it is: the proxy is then byte-for-byte transparent. */
@DefaultBean
@ApplicationScoped
public class PassthroughTransformer implements PayloadTransformer {

    @Override
    public byte[] transformEvent(byte[] event, InvocationContext context) {
        return event;
    }

    @Override
    public byte[] transformResponse(byte[] response, InvocationContext context) {
        return response;
    }
}
