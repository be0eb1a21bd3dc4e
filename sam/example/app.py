"""An agent tool whose answer is too long for a Step Functions state (256 KiB).

With lrap in front of it, the "content" field leaves the function as a reference such as
"@content:dynamodb:table:record-...", and such a reference in an event arrives here as the original text
again: invoke it with the output of a first call to see both directions.
"""

LINE = "All work and no play makes Jack a dull boy.\n"


def handler(event, context):
    size = int(event.get("size", 300_000))
    received = event.get("content")
    return {
        "received_content_length": len(received) if isinstance(received, str) else None,
        "content": (LINE * (size // len(LINE) + 1))[:size],
    }
