package dev.lrap.simulator;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.lrap.LambdaApi;

/**
 * The registered extensions and Lambda's rules for them: who may register and when, how they are identified,
 * and which of them get which event.
 */
final class Extensions {

    private static final Logger LOG = Logger.getLogger(Extensions.class);

    private final Map<String, ExtensionAgent> agentsByIdentifier = new LinkedHashMap<>();
    private final ExtensionLog log;
    private boolean registrationClosed;

    Extensions(ExtensionLog log) {
        this.log = log;
    }

    RegisteredExtension register(String name, List<String> eventNames) {
        if (name == null || name.isEmpty()) {
            throw new ApiException(403, "Extension.InvalidExtensionName", "Empty extension name");
        }
        if (registrationClosed) {
            throw new ApiException(403, "Extension.RegistrationClosed", "Extension registration closed already");
        }
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (String eventName : eventNames) {
            events.add(eventType(eventName));
        }
        RegisteredExtension extension = new RegisteredExtension(name, UUID.randomUUID().toString(), events);
        agentsByIdentifier.put(extension.identifier(), new ExtensionAgent(extension));
        log.registered(extension);
        LOG.infof("Extension %s registered for %s", name, events);
        return extension;
    }

    private static EventType eventType(String name) {
        try {
            return EventType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ApiException(403, "Extension.InvalidEventType", "Unknown event type: " + name);
        }
    }

    ExtensionAgent agent(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new ApiException(403, "Extension.MissingExtensionIdentifier", "Missing extension identifier");
        }
        ExtensionAgent agent = agentsByIdentifier.get(identifier);
        if (agent == null) {
            throw new ApiException(403, "Extension.UnknownExtensionIdentifier", "Unknown extension " + identifier);
        }
        return agent;
    }

    /** Records an extension's error report; an init error is only possible before its first poll. */
    ExtensionError reportError(String identifier, ExtensionError.Phase phase, String errorType,
            RecordedRequest report) {
        ExtensionAgent agent = agent(identifier);
        if (errorType == null || errorType.isEmpty()) {
            throw new ApiException(403, "Extension.MissingHeader", "Missing " + LambdaApi.EXTENSION_ERROR_TYPE);
        }
        if (phase == ExtensionError.Phase.INIT && agent.hasPolled()) {
            throw new ApiException(403, "Extension.InvalidExtensionState",
                    "Extension " + agent.registration().name() + " has finished its init already");
        }
        ExtensionError error = new ExtensionError(agent.registration().name(), phase, errorType, report);
        log.reported(error);
        LOG.infof("Extension %s reported a %s error: %s", error.extensionName(), phase, errorType);
        return error;
    }

    /** Lambda closes registration when the runtime asks for its first invocation. */
    void closeRegistration() {
        registrationClosed = true;
    }

    boolean allPolled() {
        return agentsByIdentifier.values().stream().allMatch(ExtensionAgent::hasPolled);
    }

    /** @return the extensions the invocation now has to wait for */
    Set<ExtensionAgent> sendInvoke(PendingInvocation invocation, byte[] event) {
        Set<ExtensionAgent> subscribers = subscribersOf(EventType.INVOKE);
        subscribers.forEach(agent -> agent.sendInvoke(event, invocation));
        return subscribers;
    }

    void sendShutdown(byte[] event) {
        subscribersOf(EventType.SHUTDOWN).forEach(agent -> agent.sendShutdown(event));
    }

    private Set<ExtensionAgent> subscribersOf(EventType type) {
        return agentsByIdentifier.values().stream()
                .filter(agent -> agent.subscribesTo(type))
                .collect(Collectors.toSet());
    }
}
