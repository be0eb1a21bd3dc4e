package dev.lrap.offload;

import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The content table on DynamoDB Local, for the tests of one class ({@code @RegisterExtension static}), optionally
 * behind a {@link DynamoDbDoor}, with a client and a transformer of given settings on it.
 */
final class LocalTable implements BeforeAllCallback, AfterAllCallback {

    private final boolean behindADoor;
    private final Map<String, String> settings;
    private DynamoDbLocal dynamoDbLocal;
    private DynamoDbDoor door;
    private DynamoDbClient client;
    private OffloadTransformer transformer;

    private LocalTable(boolean behindADoor, Map<String, String> settings) {
        this.behindADoor = behindADoor;
        this.settings = settings;
    }

    /** With a transformer of the default settings but for these. */
    static LocalTable withSettings(Map<String, String> settings) {
        return new LocalTable(false, settings);
    }

    /** Behind a door that counts and can change the calls, with a transformer of these settings. */
    static LocalTable behindADoor(Map<String, String> settings) {
        return new LocalTable(true, settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        dynamoDbLocal = DynamoDbLocal.start();
        door = behindADoor ? DynamoDbDoor.before(dynamoDbLocal.endpoint()) : null;
        client = DynamoDbLocal.client(behindADoor ? door.endpoint() : dynamoDbLocal.endpoint());
        transformer = OffloadTesting.transformer(client, settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        if (door != null) {
            door.close();
        }
        dynamoDbLocal.close();
    }

    DynamoDbClient client() {
        return client;
    }

    DynamoDbDoor door() {
        return door;
    }

    OffloadTransformer transformer() {
        return transformer;
    }
}
