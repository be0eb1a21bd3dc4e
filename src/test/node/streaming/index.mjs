// A streaming function for StreamedResponseNodeIT, run by AWS's Node runtime interface client, which defines the
// global awslambda. It writes the event's chunks (base64) one by one, then fails with the event's failWith, if any.
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  for (const chunk of event.chunks) {
    responseStream.write(Buffer.from(chunk, "base64"));
  }
  if (event.failWith) {
    throw new Error(event.failWith);
  }
  responseStream.end();
});
