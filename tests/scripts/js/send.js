// qjs send.js ENDPOINT MESSAGE: connect a PUSH socket and send one message.
import * as zmq from "zmq";
const [, endpoint, message] = scriptArgs;
const ctx = new zmq.Context();
const push = ctx.socket(zmq.PUSH);
push.connect(endpoint);
push.send(message);
push.close();
ctx.term();
