import * as zmq from "zmq";
function main(argv)
{
  const ctx = new zmq.Context();
  const socket = ctx.socket(zmq.PUSH);
  socket.connect("tcp://localhost:5555");
  argv.forEach((data) => {
    socket.send(data);
    console.log(`Sent "${data}"`);
  });
  socket.close();
  ctx.term();
}
try {
  main(scriptArgs.slice(1));
} catch (e) {
  console.log("Uncaught exception!");
  console.log(e);
  if ( e.stack )
    console.log(e.stack);
}
